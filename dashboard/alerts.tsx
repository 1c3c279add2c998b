// Open incidents as staff must see them: what fired (the rule, the story, the figures that matter),
// since when, and an Acknowledge button; acknowledged ones stay, quieter, with who acknowledged
// them, until they resolve. The same panel sits on the home (every site) and under the header
// (the current site). After Acknowledge the focus goes to the next alert still to acknowledge, or
// to the panel's heading, and the live region says what was acknowledged.
import { useRef, useState } from "preact/hooks";
import type { IncidentView } from "../worker/schemas/alert-views";
import type { DashboardStrings } from "./locales/en";
import { textOn } from "./colour";
import { describeFailure, useI18n } from "./i18n";
import { Time } from "./time";
import type { SiteIncident } from "./use-alerts";

/** "84 comments in the last hour, 12× usual": the figures of the rule that fired, as a sentence. */
export function incidentFigures(t: DashboardStrings, incident: IncidentView, locale: string): string {
  const f = incident.figures;
  const n = (v: number | undefined) => v ?? f.peak ?? 0;
  switch (incident.rule) {
    case "buzz": {
      const last = n(f.lastHour);
      const ratio = f.hourlyAverage && f.hourlyAverage > 0 ? last / f.hourlyAverage : null;
      const factor = ratio === null ? null : new Intl.NumberFormat(locale, { maximumFractionDigits: ratio < 10 ? 1 : 0 }).format(ratio);
      return t.alertBuzz(last, factor);
    }
    case "reports":
      return t.alertReports(n(f.lastHour));
    case "pending":
      return t.alertPending(n(f.waiting), f.limitMinutes ?? 0);
    case "to_answer":
      return t.alertToAnswer(n(f.waiting), f.limitHours ?? 0);
    default:
      return "";
  }
}

/** The incident in one line, for the live region: "Bad buzz — 84 comments in the last hour, 12× usual on “Title”". */
export function incidentSummary(t: DashboardStrings, incident: IncidentView, locale: string): string {
  const story = incident.story ? ` ${t.alertOnStory} ${t.quoted(incident.story.title ?? t.alertUntitled(incident.story.key))}` : "";
  return `${t.alertRules[incident.rule]} — ${incidentFigures(t, incident, locale)}${story}`;
}

/** "since 14:05" (today) or "since 21 Nov 2026, 14:05", the full date on hover. */
function Since({ iso }: { iso: string }) {
  const { locale, short, full } = useI18n();
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  const today = date.toDateString() === new Date().toDateString();
  const text = today ? new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(date) : short.format(date);
  return (
    <time dateTime={iso} title={full.format(date)}>
      {text}
    </time>
  );
}

function IncidentItem(props: { item: SiteIncident; showSite: boolean; busy: boolean; onAcknowledge?: () => void }) {
  const { t, locale } = useI18n();
  const { site, incident } = props.item;
  const figuresId = `incident-${site.id}-${incident.id}-figures`;
  const story = incident.story;
  return (
    <li class={incident.acknowledgedAt ? "incident acknowledged" : "incident"} data-incident={incident.id} data-rule={incident.rule}>
      <p class="incident-head">
        <strong class="incident-rule">{t.alertRules[incident.rule]}</strong>
        {props.showSite && (
          <span class="item-site" style={{ background: site.color, color: textOn(site.color) }}>
            {site.name}
          </span>
        )}
        <span class="when">
          {t.alertSince} <Since iso={incident.openedAt} />
        </span>
      </p>
      <p class="incident-figures" id={figuresId}>
        {incidentFigures(t, incident, locale)}
        {story && (
          <>
            {" "}
            {t.alertOnStory}{" "}
            {story.url ? (
              <a href={story.url} target="_blank" rel="noopener">
                {t.quoted(story.title ?? t.alertUntitled(story.key))}
              </a>
            ) : (
              t.quoted(story.title ?? t.alertUntitled(story.key))
            )}
          </>
        )}
        {incident.figures.peak > (incident.figures.lastHour ?? incident.figures.waiting ?? 0) && (
          <span class="muted"> ({t.alertPeak(incident.figures.peak)})</span>
        )}
      </p>
      {incident.acknowledgedAt ? (
        <p class="incident-ack">
          {t.acknowledgedBy(incident.acknowledgedBy?.name ?? "?")} <Time iso={incident.acknowledgedAt} />
        </p>
      ) : (
        props.onAcknowledge && (
          // aria-disabled while it works: a disabled button would drop the focus to the page.
          <button type="button" class="acknowledge" aria-describedby={figuresId} aria-disabled={props.busy} onClick={props.onAcknowledge}>
            {props.busy ? t.working : t.acknowledge}
          </button>
        )
      )}
    </li>
  );
}

interface PanelProps {
  id: string;
  heading: string;
  items: SiteIncident[];
  showSite: boolean;
  acknowledge: (siteId: string, id: number) => Promise<IncidentView>;
  /** acknowledged ones fold into one line when nothing is left to acknowledge (above a site's screens) */
  fold?: boolean;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
}

/** Nothing when no incident is open; otherwise the alerts to acknowledge first, then the acknowledged ones. */
export function AlertsPanel({ id, heading, items, showSite, acknowledge, fold = false, announce, onFailure }: PanelProps) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState<number | null>(null);
  const ref = useRef<HTMLElement>(null);
  if (!items.length) return null;
  const toAck = items.filter((i) => !i.incident.acknowledgedAt);
  const acked = items.filter((i) => i.incident.acknowledgedAt);

  const onAcknowledge = async (item: SiteIncident, index: number) => {
    if (busy !== null) return;
    setBusy(item.incident.id);
    try {
      const done = await acknowledge(item.site.id, item.incident.id);
      announce(t.acknowledged(incidentSummary(t, { ...item.incident, ...done }, locale)));
      requestAnimationFrame(() => {
        const buttons = ref.current?.querySelectorAll<HTMLButtonElement>("button.acknowledge");
        const next = buttons?.length
          ? buttons[Math.min(index, buttons.length - 1)]
          : ref.current?.querySelector<HTMLElement>(`#${id}-heading`);
        next?.focus();
      });
    } catch (err) {
      onFailure(err);
      announce(describeFailure(t, err));
    } finally {
      setBusy(null);
    }
  };

  const ackedList = (
    <ul class="incidents">
      {acked.map((item) => (
        <IncidentItem key={`${item.site.id}-${item.incident.id}`} item={item} showSite={showSite} busy={false} />
      ))}
    </ul>
  );
  if (fold && !toAck.length) {
    return (
      <section class="alerts-panel folded" id={id} ref={ref} aria-labelledby={`${id}-heading`}>
        <details>
          <summary id={`${id}-heading`}>{t.acknowledgedFolded(acked.length)}</summary>
          {ackedList}
        </details>
      </section>
    );
  }

  return (
    <section class={toAck.length ? "alerts-panel firing" : "alerts-panel"} id={id} ref={ref} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} tabIndex={-1}>
        <span aria-hidden="true" class="alert-icon">
          !
        </span>{" "}
        <span>
          {heading}
          {toAck.length > 0 && <span class="alerts-count"> ({toAck.length})</span>}
        </span>
      </h2>
      {toAck.length > 0 && (
        <ul class="incidents">
          {toAck.map((item, index) => (
            <IncidentItem
              key={`${item.site.id}-${item.incident.id}`}
              item={item}
              showSite={showSite}
              busy={busy === item.incident.id}
              onAcknowledge={() => void onAcknowledge(item, index)}
            />
          ))}
        </ul>
      )}
      {acked.length > 0 && (
        <>
          <h3 class="acked-heading">{t.acknowledgedHeading}</h3>
          {ackedList}
        </>
      )}
    </section>
  );
}
