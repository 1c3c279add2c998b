// Telling the author by mail (when an address is known) of a decision on their comment and of
// the outcome of their appeal, through the outbox (queueMail). In the site's language, as the
// statement itself. A mail that cannot be queued never undoes the decision: it is logged.
import { env } from "cloudflare:workers";
import { selectStatementMails, type StatementMailRow } from "../../db/statements";
import type { SiteRecord } from "../../db/sites";
import { dsaWords } from "../../locales/dsa";
import { escapeHtml } from "../../locales/notifications";
import { queueMail } from "../delivery/send";
import { linkableStoryUrl } from "../stories";

const EXCERPT_MAX = 280;

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length > EXCERPT_MAX ? `${chars.slice(0, EXCERPT_MAX - 1).join("")}…` : flat;
}

/** The story's page with the comment's anchor, only on the site's allowed origins (a mail never carries a planted address). */
function commentLink(site: SiteRecord, row: StatementMailRow): string | null {
  const page = linkableStoryUrl(site.allowedOrigins, row.story_url ?? (/^https?:\/\//.test(row.story_key) ? row.story_key : null));
  if (page === null) return null;
  const u = new URL(page);
  u.hash = `comment-${row.comment_id}`;
  return u.toString();
}

function quote(site: SiteRecord, text: string): string {
  return site.settings.defaultLocale === "fr" ? `«\u00a0${text}\u00a0»` : `“${text}”`;
}

/** A mail's lines as label/value pairs, written as text and as HTML from the same words. */
function render(lines: [string | null, string][], link: { label: string; url: string } | null, colon: string) {
  const text = [...lines.map(([k, v]) => (k ? `${k}${colon}${v}` : v)), ...(link ? [`${link.label}${colon}${link.url}`] : [])].join("\n\n");
  const html =
    lines.map(([k, v]) => `<p>${k ? `<strong>${escapeHtml(k)}</strong>${escapeHtml(colon)}` : ""}${escapeHtml(v)}</p>`).join("") +
    (link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : "");
  return { text, html };
}

function composeStatement(site: SiteRecord, row: StatementMailRow) {
  const w = dsaWords[site.settings.defaultLocale];
  const link = commentLink(site, row);
  const lines: [string | null, string][] = [
    [null, w.mailIntro(site.name, row.decision)],
    [w.yourComment, quote(site, excerpt(row.body))],
    [w.facts, row.facts],
    [w.ground, row.ground_label],
    ...(row.explanation ? [[w.explanation, row.explanation] as [string, string]] : []),
    [null, w.automated(row.automated_detection === 1, row.automated_decision === 1)],
    ...(row.contest_until !== null ? [[null, w.contest(w.date(row.contest_until))] as [null, string]] : []),
  ];
  return { subject: w.subject(site.name, row.decision), ...render(lines, link ? { label: w.yourComment, url: link } : null, w.colon) };
}

function composeAppeal(site: SiteRecord, row: StatementMailRow, reversed: boolean, explanation: string | null) {
  const w = dsaWords[site.settings.defaultLocale];
  const link = commentLink(site, row);
  const lines: [string | null, string][] = [
    [null, w.appealText(site.name, reversed)],
    [w.yourComment, quote(site, excerpt(row.body))],
    ...(explanation ? [[w.explanation, explanation] as [string, string]] : []),
  ];
  return { subject: w.appealSubject(site.name, reversed), ...render(lines, link ? { label: w.yourComment, url: link } : null, w.colon) };
}

async function send(
  site: SiteRecord,
  rows: StatementMailRow[],
  compose: (row: StatementMailRow) => { subject: string; text: string; html: string },
  topic: string,
  now: number,
) {
  for (const row of rows) {
    if (!row.email) continue;
    try {
      await queueMail(env, { siteId: site.id, to: row.email, topic, ...compose(row) }, now);
    } catch (err) {
      console.error("statement mail not queued", site.id, row.id, err);
    }
  }
}

/** Mails the authors of these statements (those with a known address). Never throws. */
export async function mailStatements(db: D1Database, site: SiteRecord, statementIds: number[], now: number): Promise<void> {
  if (statementIds.length === 0) return;
  try {
    const { results } = await selectStatementMails(db, site.id, statementIds).all();
    await send(site, results, (row) => composeStatement(site, row), "statement", now);
  } catch (err) {
    console.error("statement mails failed", site.id, statementIds, err);
  }
}

/** Mails the author the outcome of their appeal against this statement. Never throws. */
export async function mailAppealOutcome(
  db: D1Database,
  site: SiteRecord,
  a: { statementId: number; reversed: boolean; explanation: string | null },
  now: number,
): Promise<void> {
  try {
    const { results } = await selectStatementMails(db, site.id, [a.statementId]).all();
    await send(site, results, (row) => composeAppeal(site, row, a.reversed, a.explanation), "appeal", now);
  } catch (err) {
    console.error("appeal outcome mail failed", site.id, a.statementId, err);
  }
}
