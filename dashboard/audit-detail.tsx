// An audit entry in words, shared by the audit log and a person's history: the action's label, what
// it acted on, and its "why".
import type { AuditEntry, StaffSiteView } from "../worker/schemas/admin-views";
import { groundLabel } from "./grounds";
import type { I18n } from "./i18n";

/** "Rejected", or "Rejected (with a ban of the author)" for the rows of a ban-and-reject. */
export function actionLabel(t: I18n["t"], entry: Pick<AuditEntry, "action" | "detail">): string {
  const label = t.auditActions[entry.action] ?? entry.action;
  if (entry.action === "alert_mail") return t.auditAlertMail(entry.detail.enabled === true);
  return entry.action === "reject" && entry.detail.withBan ? t.auditRejectWithBan : label;
}

/** The keys shown as a bare phrase whatever their value (a flag, or an object that says the same). */
const FLAGS = new Set(["withBan", "unfeatured", "noteChanged"]);
/** Said by the target or the label already (an alert's rule and story, a delivery's kind and topic,
 * whether alert mails were turned on). */
const HIDDEN = new Set(["withBan", "rule", "storyId", "kind", "topic", "enabled", "statement", "appeal"]);

/** The "why" of an entry: its detail's keys in words, codes translated, flags as plain phrases. */
export function AuditDetail({ detail, i18n, quiet }: { detail: Record<string, unknown>; i18n: I18n; quiet?: boolean }) {
  const { t, short } = i18n;
  const rows = Object.entries(detail).filter(
    // A notice decided alone lists only itself among the notices decided: said once.
    ([key, v]) =>
      v !== null &&
      v !== undefined &&
      v !== "" &&
      v !== false &&
      !HIDDEN.has(key) &&
      !(key === "notices" && Array.isArray(v) && v.length < 2),
  );
  if (!rows.length) return quiet ? null : <span class="muted">—</span>;
  const settingLabels: Record<string, string> = {
    name: t.nameLabel,
    color: t.colorLabel,
    defaultLocale: t.defaultLocaleLabel,
    allowedOrigins: t.originsLabel,
    charter: t.charterLabel,
    bannedWords: t.bannedWordsLabel,
    suspectWords: t.suspectWordsLabel,
    premoderation: t.premoderationLabel,
    premoderateLinks: t.premoderateLinksLabel,
    guestPosting: t.guestPostingLabel,
    banCoversNetwork: t.banCoversNetworkLabel,
    storyUrlPattern: t.storyUrlPatternLabel,
    loginUrl: t.loginUrlLabel,
    editWindowMinutes: t.editWindowLabel,
    ssoSecret: t.ssoSecretLabel,
    webhookUrl: t.webhookUrlLabel,
    webhookSecret: t.webhookSecretLabel,
    webhookOnResolve: t.webhookOnResolveLabel,
    replyNotifications: t.replyNotificationsLabel,
    charterClauses: t.charterClausesLabel,
    turnstile: t.turnstileLabel,
    turnstileSiteKey: t.turnstileSiteKeyLabel,
    turnstileSecret: t.turnstileSecretLabel,
    ...Object.fromEntries(Object.entries(t.providerNames).map(([k, [name]]) => [k, name])),
    scoringWorkersAiFailClosed: `${t.providerNames.scoringWorkersAi?.[0]}: ${t.failClosedLabel}`,
    scoringOpenaiFailClosed: `${t.providerNames.scoringOpenai?.[0]}: ${t.failClosedLabel}`,
    scoringAkismetFailClosed: `${t.providerNames.scoringAkismet?.[0]}: ${t.failClosedLabel}`,
  };
  const date = (v: string) => (Number.isNaN(Date.parse(v)) ? v : short.format(new Date(v)));
  const show = (key: string, value: unknown): string => {
    if ((key === "reason" || key === "rejectReason") && typeof value === "string") {
      return (t.rejectReasons as Record<string, string>)[value] ?? (t.reportReasons as Record<string, string>)[value] ?? value;
    }
    if (key === "from" && typeof value === "string") return (t.statuses as Record<string, string>)[value] ?? value;
    if ((key === "status" || key === "premoderation") && typeof value === "string") {
      return (t.auditStoryValues as Record<string, string>)[value] ?? value;
    }
    if (value === "permanent") return t.permanent;
    if (key === "duration" && value && typeof value === "object" && "hours" in value) return t.hours(Number(value.hours));
    if ((key === "until" || key === "was") && typeof value === "string") return date(value);
    if (key === "changed" && Array.isArray(value)) {
      return value
        .map((k) => String(k).replace(/^settings\./, ""))
        .map((k) => settingLabels[k] ?? t.thresholds[k]?.[0] ?? t.alertNumbers[k]?.[0] ?? t.scoreNumbers[k]?.[0] ?? k)
        .join(", ");
    }
    if (key === "ground" && typeof value === "string") return groundLabel(t, value);
    if (key === "outcome" && typeof value === "string") return (t.auditOutcomes as Record<string, string>)[value] ?? value;
    if (key === "why" && typeof value === "string") return (t.answerWhy as Record<string, string>)[value] ?? value;
    if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
    return typeof value === "string" ? value : JSON.stringify(value);
  };
  return (
    <ul class="detail">
      {rows.map(([key, value]) => (
        <li key={key}>
          {value === true || FLAGS.has(key) ? (
            (t.auditDetailKeys[key] ?? t.auditDsaKeys[key] ?? key)
          ) : key === "status" && (value === "open" || value === "resolved") ? (
            t.auditIncidentState[value]
          ) : (
            <>
              <span class="muted">{t.colon(t.auditDetailKeys[key] ?? t.auditDsaKeys[key] ?? key)}</span> {show(key, value)}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** What an entry acted on, in words: a comment's excerpt, author and story; a person's name; a story. */
export function AuditTarget(props: { entry: AuditEntry; site: StaffSiteView; i18n: I18n; onPerson?: (id: number) => void }) {
  const { entry: e, i18n, onPerson } = props;
  const { t } = i18n;
  const person = (who: { id: number; name: string }) =>
    onPerson ? (
      <button type="button" class="link-button person-link" onClick={() => onPerson(who.id)}>
        {who.name}
      </button>
    ) : (
      <strong>{who.name}</strong>
    );

  if (e.target.type === "comment" && e.comment) {
    const { story, author } = e.comment;
    const storyName = story.title ?? story.key;
    const link = story.url ? `${story.url}#comment-${e.target.id}` : null;
    return (
      <div class="audit-comment">
        <q class="audit-excerpt">{e.comment.excerpt || t.auditNoText}</q>
        <span class="audit-meta">
          {t.auditBy} {person(author)}
        </span>
        <span class="audit-meta">
          {t.auditOnStory}{" "}
          {link ? (
            <a href={link} target="_blank" rel="noopener">
              {storyName}
              <span class="visually-hidden"> {t.auditCommentLink(e.target.id)}</span>
            </a>
          ) : (
            <span class="long-target">{storyName}</span>
          )}
        </span>
      </div>
    );
  }
  if (e.target.type === "commenter" && e.commenter) {
    return (
      <span>
        {t.auditPerson} {person(e.commenter)}
      </span>
    );
  }
  if (e.target.type === "site") return <span>{props.site.name}</span>;
  // An acknowledged alert (issue 9): its rule says what it was.
  if (e.target.type === "incident") {
    const rule = typeof e.detail.rule === "string" ? (t.alertRules as Record<string, string>)[e.detail.rule] : undefined;
    return <span>{t.auditIncident(e.target.id, rule ?? null)}</span>;
  }
  if (e.target.type === "delivery") {
    const topic = typeof e.detail.topic === "string" ? (t.outboxTopics[e.detail.topic] ?? e.detail.topic) : null;
    return <span>{t.auditDelivery(e.target.id, topic)}</span>;
  }
  if (e.target.type === "template" && typeof e.detail.title === "string") {
    return <span>{t.auditTemplateNamed(e.detail.title)}</span>;
  }
  return <span class="long-target">{t.auditTargets[e.target.type]?.(e.target.id) ?? `${e.target.type} ${e.target.id}`}</span>;
}
