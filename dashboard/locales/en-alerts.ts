// English strings of the alerts, the outbox and their settings (issue 9), spread into en.ts.
import type { AlertRule, OutboxStatus } from "../../worker/schemas/alert-views";

const s = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

export const enAlerts = {
  // Incidents on the home and in the header
  alertsHeading: "Open alerts",
  alertsNone: "No open alert.",
  alertsCount: (n: number) => s(n, "open alert", "open alerts"),
  alertsShow: "Show",
  alertsSite: (site: string) => `Open alerts — ${site}`,
  alertRules: {
    buzz: "Bad buzz",
    reports: "Many reports",
    pending: "Comments waiting for review",
    to_answer: "Questions waiting for an answer",
  } satisfies Record<AlertRule, string>,
  alertBuzz: (n: number, factor: string | null) =>
    `${s(n, "comment", "comments")} in the last hour${factor ? `, ${factor}× usual` : ", where there are usually none"}`,
  alertOnStory: "on",
  alertReports: (n: number) => `${s(n, "report", "reports")} in the last hour`,
  alertPending: (n: number, minutes: number) => `${s(n, "comment", "comments")} waiting more than ${minutes} min`,
  alertToAnswer: (n: number, hours: number) => `${s(n, "question", "questions")} waiting more than ${hours} h`,
  alertSince: "since",
  alertPeak: (n: number) => `peak ${n}`,
  alertUntitled: (key: string) => `Story ${key}`,
  acknowledge: "Acknowledge",
  acknowledgeLabel: (what: string) => `Acknowledge: ${what}`,
  acknowledged: (what: string) => `Alert acknowledged: ${what}`,
  acknowledgedBy: (name: string) => `Acknowledged by ${name}`,
  acknowledgedHeading: "Acknowledged, still going on",
  auditIncident: (id: string, rule: string | null) => (rule ? `Alert #${id}: ${rule}` : `Alert #${id}`),
  acknowledgedFolded: (n: number) => (n === 1 ? "1 acknowledged alert still going on" : `${n} acknowledged alerts still going on`),
  alertsBadge: (n: number) => s(n, "alert", "alerts"),
  auditDelivery: (id: string, topic: string | null) => (topic ? `Delivery #${id}: ${topic}` : `Delivery #${id}`),
  auditIncidentState: { open: "it was still going on", resolved: "it had already resolved" },
  alertsLoadFailed: "The alerts could not be loaded.",

  // The outbox
  navOutbox: "Outbox",
  outboxHeading: (site: string) => `Outbox — ${site}`,
  outboxIntro:
    "Every mail and webhook Palabre sends for this site, newest first. In local development, nothing leaves: this is the mailbox.",
  outboxFilters: "Filters",
  outboxKind: "Kind",
  outboxKinds: { "": "All", mail: "Mails", webhook: "Webhooks" } as Record<string, string>,
  outboxKindOne: { mail: "Mail", webhook: "Webhook" } as Record<string, string>,
  outboxStatus: "Status",
  outboxStatuses: { "": "All", sent: "Sent", queued: "Queued", retrying: "Retrying", failed: "Failed" } as Record<string, string>,
  outboxEmpty: "Nothing here yet.",
  outboxTo: "To",
  outboxTopic: "Topic",
  outboxTopics: {
    alert: "Alert",
    "alert-resolved": "Alert resolved",
    confirm: "Confirmation",
    reply: "Reply",
    "staff-reply": "Staff reply",
    featured: "Featured",
    erasure: "Erasure confirmation", // a reader's own erasure (GDPR)
    invitation: "Staff invitation", // a site's team (issue 12)
  } as Record<string, string>,
  outboxAttempts: (n: number) => s(n, "attempt", "attempts"),
  outboxNextTry: "next try",
  outboxSentAt: "sent",
  outboxBody: "Show the content",
  outboxRetry: "Retry",
  outboxRetried: "Delivery queued again",
  outboxLoadFailed: "The outbox could not be loaded.",
  /** the header's badge: "3 failed", then (for screen readers and on hover) "deliveries" */
  outboxFailedBadge: (n: number) => `${n} failed`,
  outboxFailedRest: (n: number): string => (n === 1 ? "delivery" : "deliveries"),
  outboxStatusLabel: { sent: "Sent", queued: "Queued", retrying: "Retrying", failed: "Failed" } satisfies Record<OutboxStatus, string>,

  // Settings: the alerts section
  alertsSection: "Alerts and notifications",
  alertsSectionHelp: "Checked every 5 minutes. 0 turns a rule off.",
  alertNumbers: {
    alertBuzzFactor: [
      "Bad buzz: times the usual rate",
      "A story's comments in the last hour, against its hourly average of the last 7 days. 0 = off.",
    ],
    alertBuzzFloor: ["Bad buzz: at least this many comments in an hour", "So that a quiet story's third comment is not a buzz."],
    alertReportsPerHour: ["Reports in an hour", "Reports on the whole site in the last hour. 0 = off."],
    alertPendingMinutes: ["Comment waiting for review (minutes)", "0 = off."],
    alertToAnswerHours: ["Question waiting for an answer (hours)", "0 = off."],
  } as Record<string, [string, string]>,
  webhookUrlLabel: "Webhook address",
  webhookUrlHelp:
    "Alerts are POSTed there as JSON that Slack and Discord read (text and content), signed with the secret below. https only (http on localhost in development). Empty: no webhook.",
  webhookUrlInvalid: "Enter an https address (http only for localhost), or leave it empty.",
  webhookSecretLabel: "Webhook secret",
  webhookSecretHelp: "Signs each POST (X-Palabre-Signature: sha256=HMAC of timestamp.body). It is never shown again once saved.",
  webhookSecretNewHelp: (min: number, max: number) => `${min} to ${max} characters. Saved with the form, then never shown again.`,
  webhookSecretLength: (min: number, max: number) => `The secret must be ${min} to ${max} characters long.`,
  webhookSecretRemove: "Remove",
  webhookSecretRemoving: "The secret will be removed when you save.",
  webhookOnResolveLabel: "Also notify the webhook when an alert resolves itself",
  alertMailLabel: "Mail me this site's alerts",
  alertMailHelp: (email: string) => `To ${email}. Saved at once, for you alone: each staff member chooses.`,
  alertMailOn: "You will receive this site's alerts by mail",
  alertMailOff: "You will no longer receive this site's alerts by mail",
  replyNotificationsLabel: "Readers may be notified of replies by mail",
  replyNotificationsHelp:
    "The composer offers “Notify me of replies”: a confirmed address, at most one mail per thread per hour, one-click unsubscribe.",
};
