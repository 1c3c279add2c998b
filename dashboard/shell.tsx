// The signed-in frame: the header (current site, switcher with counts), the sections, the live
// region that announces results, the sites' overview (refreshed every 15 s, shared by the home and
// the switcher) and the screen the URL points to.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { SessionResponse, SiteOverview } from "../worker/schemas/admin-views";
import { api, ApiFailure } from "./api";
import { AlertsPanel } from "./alerts";
import { AuditScreen } from "./audit-screen";
import { Header } from "./header";
import { HomeScreen } from "./home-screen";
import { describeFailure, useI18n, type Locale } from "./i18n";
import { OutboxScreen } from "./outbox-screen";
import { QueueScreen } from "./queue-screen";
import { readRoute, rememberSite, routeHash, type Route, type View } from "./route";
import { SettingsScreen } from "./settings-screen";
import { StatsScreen } from "./stats-screen";
import { TeamScreen } from "./team-screen";
import { SitesScreen } from "./team-sites";
import { TemplatesScreen } from "./templates-screen";
import { AllToAnswerScreen } from "./to-answer-screen";
import { unacknowledged, useAlerts } from "./use-alerts";
import type { Counts } from "./use-queue";
import { usePoll } from "./use-poll";

export { Header } from "./header";

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
  const [overview, setOverview] = useState<SiteOverview[] | null>(null);
  const [overviewError, setOverviewError] = useState<string | null>(null);

  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  const sites = session.sites;
  const site = route.site ? (sites.find((s) => s.id === route.site) ?? null) : null;
  // A site this member does not belong to (or no longer does): back to the home.
  const lost = route.site !== null && !site;

  useEffect(() => {
    if (lost) {
      history.replaceState(null, "", "#/");
      setRoute(readRoute("#/"));
      return;
    }
    if (site) rememberSite(site.id);
    const wanted = routeHash(route);
    if (location.hash !== wanted) history.replaceState(null, "", wanted);
    const heading = site ? site.name : route.view === "home" ? t.homeHeading : t.allSites;
    document.title = `${heading} — ${t.appName}`;
  }, [site?.id, site?.name, route.view, route.queue, lost, t]);

  const go = (next: Route) => {
    location.hash = routeHash(next);
    setRoute(next);
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

  const loadOverview = async () => {
    try {
      const { data, changed } = await api.overview();
      if (changed || !overview) setOverview(data.sites);
      setOverviewError(null);
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return onFailure(err);
      setOverviewError(describeFailure(t, err));
    }
  };
  useEffect(() => void loadOverview(), []);
  usePoll(loadOverview, sites.length > 0);

  /** A queue's fresh counts reach the switcher and the home at once. */
  const onCounts = (siteId: string, counts: Counts) =>
    setOverview((list) => list?.map((o) => (o.site.id === siteId ? { ...o, ...counts } : o)) ?? null);

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

  const alerts = useAlerts(sites, site, onFailure);

  const common = { announce, onFailure };
  let screen: ComponentChildren;
  // My sites comes first: an owner with no site yet creates one there, anyone changes their password.
  if (route.view === "sites") screen = <SitesScreen {...common} onSitesChanged={() => void api.session().then(onSession, onFailure)} />;
  else if (!sites.length) {
    screen = (
      <p class="panel notice">
        {t.noSites} <a href={routeHash({ site: null, view: "sites", queue: "pending" })}>{t.navSites}</a>
      </p>
    );
  } else if (lost) screen = null;
  else if (!site) {
    if (route.view === "stats") screen = <StatsScreen site={null} sites={sites} {...common} />;
    else if (route.view === "to-answer") {
      screen = <AllToAnswerScreen sites={sites} staffName={session.staff.name} {...common} />;
    } else {
      screen = (
        <HomeScreen
          sites={sites}
          overview={overview}
          error={overviewError}
          onRetry={() => void loadOverview()}
          alerts={alerts}
          {...common}
        />
      );
    }
  } else if (route.view === "audit") screen = <AuditScreen site={site} {...common} />;
  else if (route.view === "outbox") screen = <OutboxScreen site={site} onRetried={() => void alerts.reload()} {...common} />;
  else if (route.view === "settings") screen = <SettingsScreen site={site} {...common} onSiteChanged={onSiteChanged} />;
  else if (route.view === "stats") screen = <StatsScreen site={site} sites={sites} {...common} />;
  else if (route.view === "templates") screen = <TemplatesScreen site={site} {...common} />;
  else if (route.view === "team") screen = <TeamScreen site={site} {...common} onSiteChanged={onSiteChanged} />;
  else {
    screen = (
      <QueueScreen
        site={site}
        sites={sites}
        staffName={session.staff.name}
        queue={route.queue}
        onQueue={(queue) => go({ ...route, view: "queues", queue })}
        onCounts={onCounts}
        {...common}
      />
    );
  }

  const navLink = (target: Route, label: string, current: boolean) => (
    <li>
      <a href={routeHash(target)} aria-current={current ? "page" : undefined}>
        {label}
      </a>
    </li>
  );
  const siteLink = (view: View, label: string) =>
    site && navLink({ site: site.id, view, queue: view === "queues" ? route.queue : "pending" }, label, route.view === view);

  return (
    <>
      <Header
        locale={locale}
        onLocale={onLocale}
        session={session}
        site={site}
        overview={overview}
        alerts={site ? unacknowledged(alerts.bySite[site.id]).length : 0}
        failedDeliveries={site ? alerts.failedDeliveries : 0}
        outboxHref={site ? routeHash({ site: site.id, view: "outbox", queue: "pending" }) : undefined}
        onSite={(id) =>
          go(
            !id
              ? { site: null, view: "home", queue: "pending" }
              : site
                ? { ...route, site: id }
                : { site: id, view: "queues", queue: "pending" },
          )
        }
        onSignOut={signOut}
      />
      <nav class="sections" aria-label={t.sections}>
        <ul>
          {sites.length > 0 && navLink({ site: null, view: "home", queue: "pending" }, t.navHome, route.view === "home")}
          {site ? (
            <>
              {siteLink("queues", t.navQueues)}
              {siteLink("templates", t.navTemplates)}
              {siteLink("stats", t.navStats)}
              {siteLink("audit", t.navAudit)}
              {siteLink("outbox", t.navOutbox)}
              {/* Moderators find their own alert mails there; the site's settings are for admins. */}
              {siteLink("settings", t.navSettings)}
              {site.role === "admin" && siteLink("team", t.navTeam)}
            </>
          ) : (
            <>
              {sites.length > 0 &&
                navLink({ site: null, view: "to-answer", queue: "to-answer" }, t.homeAllToAnswer(null), route.view === "to-answer")}
              {sites.length > 0 && navLink({ site: null, view: "stats", queue: "pending" }, t.navStats, route.view === "stats")}
              {navLink({ site: null, view: "sites", queue: "pending" }, t.navSites, route.view === "sites")}
            </>
          )}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <div class="toast-area">
          <div class={message ? "toast shown" : "toast"} role="status" aria-live="polite" aria-atomic="true">
            {message}
          </div>
          <div class={error ? "toast error shown" : "toast error"} role="alert">
            {error}
          </div>
        </div>
        {site && (
          <AlertsPanel
            id="site-alerts"
            heading={t.alertsSite(site.name)}
            items={(alerts.bySite[site.id] ?? []).map((incident) => ({ site, incident }))}
            showSite={false}
            fold
            acknowledge={alerts.acknowledge}
            {...common}
          />
        )}
        {screen}
      </main>
    </>
  );
}
