// The top bar, signed in or not: the current site's name in its colour at all times (staff must
// never act on the wrong site), the site switcher with each site's counts, who is signed in, the
// language, sign-out. Open alerts to acknowledge and failed deliveries of the site show as badges
// that cannot be missed.
import type { SessionResponse, SiteOverview, StaffSiteView } from "../worker/schemas/admin-views";
import { textOn } from "./colour";
import { useI18n, type Locale } from "./i18n";

interface HeaderProps {
  locale: Locale;
  onLocale: (locale: Locale) => void;
  session?: SessionResponse;
  /** the site acted on; none on the home and in the views of all sites */
  site?: StaffSiteView | null;
  /** the sites' counts, for the switcher's options */
  overview?: SiteOverview[] | null;
  /** a site id, or "" for the home */
  onSite?: (id: string) => void;
  onSignOut?: () => void;
  /** the current site's open alerts not yet acknowledged */
  alerts?: number;
  /** the current site's deliveries that failed for good */
  failedDeliveries?: number;
  outboxHref?: string;
}

export function Header(props: HeaderProps) {
  const { locale, onLocale, session, site, overview, onSite, onSignOut } = props;
  const { t } = useI18n();
  const style = site ? { "--site-color": site.color, "--site-text": textOn(site.color) } : undefined;
  const counts = new Map(overview?.map((o) => [o.site.id, o]));
  return (
    <header class={site ? "top with-site" : "top"} style={style}>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link, a link by convention with a real href; the click moves the focus without touching the hash, which holds the route */}
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
      {site && (props.alerts ?? 0) > 0 && (
        <button
          type="button"
          class="header-alerts"
          onClick={() => {
            const panel = document.getElementById("site-alerts-heading");
            panel?.scrollIntoView({ block: "start" });
            panel?.focus();
          }}
        >
          <span aria-hidden="true" class="alert-icon">
            !
          </span>{" "}
          {t.alertsBadge(props.alerts ?? 0)}
        </button>
      )}
      {site && (props.failedDeliveries ?? 0) > 0 && props.outboxHref && (
        <a
          class="header-failed"
          href={props.outboxHref}
          title={`${t.outboxFailedBadge(props.failedDeliveries ?? 0)} ${t.outboxFailedRest(props.failedDeliveries ?? 0)}`}
        >
          {t.outboxFailedBadge(props.failedDeliveries ?? 0)}
          <span class="visually-hidden"> {t.outboxFailedRest(props.failedDeliveries ?? 0)}</span>
        </a>
      )}
      {session && session.sites.length > 1 && onSite && (
        <span class="switcher">
          <label for="site-switcher">{t.siteLabel}</label>{" "}
          <select id="site-switcher" value={site?.id ?? ""} onChange={(e) => onSite(e.currentTarget.value)}>
            <option value="">{t.allSites}</option>
            {session.sites.map((s) => {
              const o = counts.get(s.id);
              return (
                <option key={s.id} value={s.id}>
                  {o ? t.switcherOption(s.name, o.pending, o.toAnswer) : s.name}
                </option>
              );
            })}
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
        <button type="button" class="sign-out" title={session && t.signedInAs(session.staff.name)} onClick={onSignOut}>
          {t.signOut}
        </button>
      )}
    </header>
  );
}
