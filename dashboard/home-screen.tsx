// "My sites", where the dashboard opens: one card per site in the site's colour with what waits on
// it (pending, reported, to answer and since when, comments in 24 h, open alerts), each figure a
// link to its queue; above them, the open alerts of every site, to acknowledge. Keys: 1–9 open site N, j/k or the arrows move between sites, Enter opens.
import { useEffect, useRef, useState } from "preact/hooks";
import type { SiteOverview, StaffSiteView } from "../worker/schemas/admin-views";
import { AlertsPanel } from "./alerts";
import { textOn } from "./colour";
import { useI18n } from "./i18n";
import { KeyHint } from "./key-hint";
import { LoadFailed } from "./list-parts";
import { routeHash } from "./route";
import type { QueueName } from "../worker/schemas/admin-views";
import { unacknowledged, type Alerts } from "./use-alerts";

interface Props {
  sites: StaffSiteView[];
  /** null until the first answer */
  overview: SiteOverview[] | null;
  error: string | null;
  onRetry: () => void;
  alerts: Alerts;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
}

const queueHref = (site: string, queue: QueueName) => routeHash({ site, view: "queues", queue });

export function HomeScreen({ sites, overview, error, onRetry, alerts, announce, onFailure }: Props) {
  const { t } = useI18n();
  const [cursor, setCursor] = useState(0);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const listRef = useRef<HTMLUListElement>(null);
  const figures = new Map(overview?.map((o) => [o.site.id, o]));
  const toAnswer = overview ? overview.reduce((n, o) => n + o.toAnswer, 0) : null;

  const focusSite = (index: number) => {
    const target = Math.max(0, Math.min(sites.length - 1, index));
    setCursor(target);
    links.current[target]?.focus();
  };

  const onKey = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKey.current = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || document.querySelector("dialog[open]")) return;
    const target = e.target as HTMLElement | null;
    if (target?.closest("input, textarea, select, [contenteditable]")) return;
    const inList = Boolean(listRef.current?.contains(document.activeElement));
    const digit = /^[1-9]$/.test(e.key) ? Number(e.key) : 0;
    if (digit && sites[digit - 1]) {
      e.preventDefault();
      location.hash = queueHref(sites[digit - 1]!.id, "pending");
    } else if (e.key === "j" || (inList && e.key === "ArrowDown")) {
      e.preventDefault();
      focusSite(inList ? cursor + 1 : cursor);
    } else if (e.key === "k" || (inList && e.key === "ArrowUp")) {
      e.preventDefault();
      focusSite(inList ? cursor - 1 : cursor);
    }
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  return (
    <>
      <div class="screen-head">
        <h1>{t.homeHeading}</h1>
        <a class="all-to-answer" href={routeHash({ site: null, view: "to-answer", queue: "to-answer" })}>
          {t.homeAllToAnswer(toAnswer)}
        </a>
      </div>
      <p class="help home-help">
        {t.homeIntro} {t.homeKeys}
      </p>
      {error && <LoadFailed message={`${t.homeLoadFailed} ${error}`} onRetry={onRetry} />}
      {alerts.failed && <LoadFailed message={t.alertsLoadFailed} onRetry={() => void alerts.reload()} />}
      <AlertsPanel
        id="home-alerts"
        heading={t.alertsHeading}
        items={sites.flatMap((site) => (alerts.bySite[site.id] ?? []).map((incident) => ({ site, incident })))}
        showSite={sites.length > 1}
        acknowledge={alerts.acknowledge}
        announce={announce}
        onFailure={onFailure}
      />
      <ul class="site-cards" ref={listRef}>
        {sites.map((site, index) => {
          const o = figures.get(site.id);
          const style = { "--site-color": site.color, "--site-text": textOn(site.color) };
          const figure = (n: number | undefined, label: string, queue: QueueName | null, extra?: string) => {
            const body = (
              <>
                <strong class={n ? "n" : "n zero"}>{n ?? "–"}</strong> {label}
              </>
            );
            return (
              <li class={`figure figure-${queue ?? "alerts"}`}>
                {queue ? <a href={queueHref(site.id, queue)}>{body}</a> : <span>{body}</span>}
                {extra && <span class="oldest">{extra}</span>}
              </li>
            );
          };
          const openAlerts = site.id in alerts.bySite ? unacknowledged(alerts.bySite[site.id]).length : o?.openAlerts;
          const oldest = o?.oldestToAnswerAt ? t.homeOldest(t.duration((Date.now() - Date.parse(o.oldestToAnswerAt)) / 1000)) : undefined;
          return (
            <li key={site.id} class="site-card" style={style} data-site={site.id}>
              <h2>
                <a
                  class="site-open"
                  ref={(el) => {
                    links.current[index] = el;
                  }}
                  href={queueHref(site.id, "pending")}
                  tabIndex={index === cursor ? 0 : -1}
                  title={t.homeOpen(site.name)}
                  onFocus={() => setCursor(index)}
                >
                  {index < 9 && <KeyHint>{index + 1}</KeyHint>}
                  <span class="site-name">{site.name}</span>
                </a>
              </h2>
              <ul class="site-figures" aria-label={site.name}>
                {figure(o?.pending, t.homePending, "pending")}
                {figure(o?.reported, t.homeReported, "reported")}
                {figure(o?.toAnswer, t.homeToAnswer, "to-answer", oldest)}
                {/* The DSA queues, once the overview counts them (a legal notice is urgent). */}
                {typeof dsaCount(o, "notices") === "number" &&
                  figure(dsaCount(o, "notices"), t.homeNotices(dsaCount(o, "notices")!), "notices")}
                {typeof dsaCount(o, "appeals") === "number" &&
                  figure(dsaCount(o, "appeals"), t.homeAppeals(dsaCount(o, "appeals")!), "appeals")}
                {figure(o?.comments24h, t.homeComments24h(o?.comments24h ?? 2), "recent")}
                {figure(openAlerts, t.homeAlerts(openAlerts ?? 2), null)}
              </ul>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** A DSA queue's count in a site's overview, when the API gives it. */
function dsaCount(o: object | undefined, key: "notices" | "appeals"): number | undefined {
  const n = (o as Record<string, unknown> | undefined)?.[key];
  return typeof n === "number" ? n : undefined;
}
