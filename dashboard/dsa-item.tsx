// What a queue item shows of trust and safety: a legal notice (its ground, the notifier's words and
// who they are, its age first of all), an appeal (the decision contested, its statement of reasons,
// the author's words), and the automatic score with its labels, in words a community manager reads.
import type { QueueItem } from "../worker/schemas/admin-views";
import type { StatementView } from "../worker/schemas/dsa-views";
import { dsa } from "./dsa-types";
import { groundLabel } from "./grounds";
import { useI18n } from "./i18n";

/** How long something has waited, now: from its date (an answer's own age would stand still on a 304). */
const ageOf = (createdAt: string) => Math.max(0, (Date.now() - Date.parse(createdAt)) / 1000);

/** "2 h 10 min"; null under a minute ("just now": seconds would only tick away). */
const span = (t: ReturnType<typeof useI18n>["t"], seconds: number) => (seconds < 60 ? null : t.duration(seconds));

/** More than a day: the notice is overdue in a community manager's eyes, and shows it. */
const urgency = (seconds: number) => (seconds >= 24 * 3600 ? " overdue" : seconds >= 4 * 3600 ? " late" : "");

/** "Received 2 h 10 min ago", prominent, the exact moment on hover (a notice's receipt matters in law). */
function Age({ iso, seconds, text }: { iso: string; seconds: number; text: string }) {
  const { full } = useI18n();
  return (
    <strong class={`age${urgency(seconds)}`}>
      <time dateTime={iso} title={full.format(new Date(iso))}>
        {text}
      </time>
    </strong>
  );
}

export function NoticeDetails({ item }: { item: QueueItem }) {
  const { t } = useI18n();
  const { notice, otherNotices } = dsa(item);
  if (!notice) return null;
  const age = ageOf(notice.createdAt);
  return (
    <section class="dsa-box notice-box" aria-label={t.noticeHeading}>
      <p class="dsa-head">
        <Age iso={notice.createdAt} seconds={age} text={t.noticeWaiting(span(t, age))} />
        <span class="dsa-kind">{t.noticeHeading}</span>
        <span class="ref">{t.noticeReference(notice.reference)}</span>
      </p>
      <dl class="dsa-facts">
        <dt>{t.noticeGround}</dt>
        <dd>
          <strong>{groundLabel(t, notice.ground)}</strong>
        </dd>
        <dt>{t.noticeExplanation}</dt>
        <dd class="dsa-text">{notice.explanation}</dd>
        <dt>{t.noticeFrom}</dt>
        <dd>
          {notice.name || notice.email ? (
            <>
              {notice.name && <span>{notice.name}</span>}
              {notice.name && notice.email && " · "}
              {notice.email && <a href={`mailto:${notice.email}`}>{notice.email}</a>}
            </>
          ) : (
            t.noticeAnonymous
          )}
          {!notice.email && <span class="muted"> ({t.noticeNoEmail})</span>}
        </dd>
      </dl>
      {otherNotices && otherNotices.length > 0 && (
        <p class="help">
          {t.noticeOthers(otherNotices.length)}: {otherNotices.map((n) => `${groundLabel(t, n.ground)} (${n.reference})`).join(", ")}
        </p>
      )}
    </section>
  );
}

export function StatementSummary({ statement }: { statement: StatementView }) {
  const { t, short } = useI18n();
  return (
    <dl class="dsa-facts statement">
      <dt>{t.appealContested}</dt>
      <dd>
        {t.statementWhen(
          t.statementDecisions[statement.decision],
          t.statementSources[statement.source],
          short.format(new Date(statement.decidedAt)),
        )}
        <span class="muted"> · {t.statementAutomated(statement.automatedDetection, statement.automatedDecision)}</span>
      </dd>
      <dt>{t.statementGround}</dt>
      <dd>
        <strong>{statement.groundLabel || groundLabel(t, statement.ground)}</strong>
      </dd>
      {statement.facts && (
        <>
          <dt>{t.statementFacts}</dt>
          <dd>{statement.facts}</dd>
        </>
      )}
      {statement.explanation && (
        <>
          <dt>{t.statementExplanation}</dt>
          <dd class="dsa-text">{statement.explanation}</dd>
        </>
      )}
    </dl>
  );
}

export function AppealDetails({ item }: { item: QueueItem }) {
  const { t } = useI18n();
  const { appeal, statement } = dsa(item);
  if (!appeal) return null;
  const age = ageOf(appeal.createdAt);
  return (
    <section class="dsa-box appeal-box" aria-label={t.appealHeading}>
      <p class="dsa-head">
        <Age iso={appeal.createdAt} seconds={age} text={t.appealWaiting(span(t, age))} />
        <span class="dsa-kind">{t.appealHeading}</span>
      </p>
      <dl class="dsa-facts">
        <dt>{t.appealText}</dt>
        <dd class="dsa-text author-words">{appeal.body}</dd>
      </dl>
      {statement && <StatementSummary statement={statement} />}
    </section>
  );
}

const level = (value: number) => (value >= 70 ? "high" : value >= 30 ? "medium" : "low");

/** "Automatic check: Likely a problem 86/100 — Insult, Disguised word". */
export function ScoreBadge({ item }: { item: QueueItem }) {
  const { t } = useI18n();
  const score = dsa(item).score;
  if (!score) return null;
  const value = Math.round(Math.max(0, Math.min(100, score.value)));
  // Nothing found and nothing to say: no badge, so that the ones shown stand out.
  if (value === 0 && score.labels.length === 0) return null;
  const l = level(value);
  const name = (code: string) => (code === "none" ? t.scoreNone : (t.scoreProviders[code] ?? code));
  const provider = name(score.provider);
  // "openai:unavailable": a check that failed open said so; the others are what was found.
  const said = (x: string) =>
    x.endsWith(":unavailable") ? t.scoreUnavailable(name(x.slice(0, -":unavailable".length))) : (t.scoreLabels[x] ?? humanize(x));
  const labels = [...new Set(score.labels.map(said))];
  return (
    <p class={`score score-${l}`} title={t.scoreExplained(provider)}>
      <span class="visually-hidden">{t.colon(t.scoreHeading)} </span>
      <span class="score-badge">
        {t.scoreLevels[l]} <span class="score-value">{t.scoreValue(value)}</span>
      </span>
      {labels.map((x) => (
        <span class="score-label" key={x}>
          {x}
        </span>
      ))}
      <span class="visually-hidden"> — {t.scoreExplained(provider)}</span>
    </p>
  );
}

/** A label no locale knows ("self_harm", "sexual/minors"): readable words, not a code. */
const humanize = (code: string) => {
  const words = code.replace(/[_/-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
};
