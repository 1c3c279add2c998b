// The signed-in frame: header with the current site's name and colour, the site switcher, sections,
// the live region that announces results, and the screen the URL points to.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { SessionResponse, StaffSiteView } from "../worker/schemas/admin-views";
import { api, ApiFailure } from "./api";
import { AuditScreen } from "./audit-screen";
import { textOn } from "./colour";
import { describeFailure, useI18n, type Locale } from "./i18n";
import { QueueScreen } from "./queue-screen";
import { lastSite, readRoute, rememberSite, routeHash, type Route } from "./route";
import { SettingsScreen } from "./settings-screen";

interface HeaderProps {
  locale: Locale;
  onLocale: (locale: Locale) => void;
  session?: SessionResponse;
  site?: StaffSiteView;
  onSite?: (id: string) => void;
  onSignOut?: () => void;
}

/** The top bar, signed in or not: the language switcher is always there. */
export function Header({ locale, onLocale, session, site, onSite, onSignOut }: HeaderProps) {
  const { t } = useI18n();
  const style = site ? { "--site-color": site.color, "--site-text": textOn(site.color) } : undefined;
  return (
    <header class={site ? "top with-site" : "top"} style={style}>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          // The hash holds the route: move focus without touching it.
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        {t.skipToContent}
      </a>
      <span class="brand">
        {t.appName} <span class="area">{t.staffArea}</span>
      </span>
      {site && (
        <span class="site-badge" data-site={site.id}>
          <span class="visually-hidden">{t.colon(t.currentSite)} </span>
          <strong class="site-name">{site.name}</strong>
          <span class="role">{t.roles[site.role]}</span>
        </span>
      )}
      {session && site && session.sites.length > 1 && onSite && (
        <span class="switcher">
          <label for="site-switcher">{t.siteLabel}</label>{" "}
          <select id="site-switcher" value={site.id} onChange={(e) => onSite(e.currentTarget.value)}>
            {session.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </span>
      )}
      <span class="spacer" />
      {session && <span class="who">{t.signedInAs(session.staff.name)}</span>}
      <span class="language">
        <label for="language">{t.language}</label>{" "}
        <select id="language" value={locale} onChange={(e) => onLocale(e.currentTarget.value === "fr" ? "fr" : "en")}>
          <option value="fr" lang="fr">
            Français
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
      </span>
      {onSignOut && (
        <button type="button" class="sign-out" onClick={onSignOut}>
          {t.signOut}
        </button>
      )}
    </header>
  );
}

interface ShellProps {
  session: SessionResponse;
  locale: Locale;
  onLocale: (locale: Locale) => void;
  onSession: (session: SessionResponse) => void;
  /** signed out on purpose, or the session ended (401) */
  onSignedOut: (why: "signedOut" | "sessionEnded") => void;
}

export function Shell({ session, locale, onLocale, onSession, onSignedOut }: ShellProps) {
  const { t } = useI18n();
  const [route, setRoute] = useState<Route>(readRoute);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const clearTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  const sites = session.sites;
  const site =
    sites.find((s) => s.id === route.site) ?? sites.find((s) => s.id === lastSite()) ?? sites[0] ?? null;

  // Keep the URL and the remembered site in step with the site shown.
  useEffect(() => {
    if (!site) return;
    rememberSite(site.id);
    const wanted = routeHash({ ...route, site: site.id });
    if (location.hash !== wanted) history.replaceState(null, "", wanted);
    document.title = `${site.name} — ${t.appName}`;
  }, [site?.id, site?.name, route.view, route.queue, t]);

  const go = (next: Partial<Route>) => {
    const target = { ...route, site: site?.id ?? null, ...next };
    location.hash = routeHash(target);
    setRoute(target);
  };

  const announce = (text: string) => {
    setError(null);
    // Emptied first so that the same message twice in a row is announced twice.
    setMessage("");
    clearTimeout(clearTimer.current);
    setTimeout(() => setMessage(text), 30);
    clearTimer.current = setTimeout(() => setMessage(""), 8000);
  };

  const onFailure = (err: unknown) => {
    if (err instanceof ApiFailure && err.status === 401) return onSignedOut("sessionEnded");
    setError(describeFailure(t, err));
  };

  const signOut = async () => {
    try {
      await api.signOut();
    } catch (err) {
      if (!(err instanceof ApiFailure && err.status === 401)) return onFailure(err);
    }
    onSignedOut("signedOut");
  };

  const onSiteChanged = (changed: { id: string; name: string; color: string }) =>
    onSession({ ...session, sites: sites.map((s) => (s.id === changed.id ? { ...s, ...changed } : s)) });

  let screen: ComponentChildren;
  if (!site) screen = <p class="panel notice">{t.noSites}</p>;
  else if (route.view === "audit") screen = <AuditScreen site={site} announce={announce} onFailure={onFailure} />;
  else if (route.view === "settings") {
    screen = <SettingsScreen site={site} announce={announce} onFailure={onFailure} onSiteChanged={onSiteChanged} />;
  } else {
    screen = (
      <QueueScreen
        site={site}
        staffName={session.staff.name}
        queue={route.queue}
        onQueue={(queue) => go({ view: "queues", queue })}
        announce={announce}
        onFailure={onFailure}
      />
    );
  }

  const navLink = (view: Route["view"], label: string) => (
    <li>
      <a
        href={routeHash({ ...route, site: site?.id ?? null, view })}
        aria-current={route.view === view ? "page" : undefined}
      >
        {label}
      </a>
    </li>
  );

  return (
    <>
      <Header
        locale={locale}
        onLocale={onLocale}
        session={session}
        site={site ?? undefined}
        onSite={(id) => go({ site: id, view: route.view === "settings" ? "settings" : route.view, queue: "pending" })}
        onSignOut={signOut}
      />
      {site && (
        <nav class="sections" aria-label={t.sections}>
          <ul>
            {navLink("queues", t.navQueues)}
            {navLink("audit", t.navAudit)}
            {site.role === "admin" && navLink("settings", t.navSettings)}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        <div class="toast-area">
          <div class={message ? "toast shown" : "toast"} role="status" aria-live="polite" aria-atomic="true">
            {message}
          </div>
          <div class={error ? "toast error shown" : "toast error"} role="alert">
            {error}
          </div>
        </div>
        {screen}
      </main>
    </>
  );
}
