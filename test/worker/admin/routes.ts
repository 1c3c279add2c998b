// Every staff route with a valid request body, so the security tests can walk all of them.

/** A comment, a commenter and a story of the site the route is called on. */
export interface RouteIds {
  comment: number;
  commenter: number;
  story: string;
}

export interface RouteCase {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** the path under /api/admin for a site, a comment and a commenter of that site */
  path: (site: string, ids: RouteIds) => string;
  body?: (ids: RouteIds) => unknown;
  /** for the site's admins only: a moderator gets 403 */
  adminOnly?: true;
}

const settings = { name: "Renamed", allowedOrigins: ["https://renamed.example"], settings: { charter: "Be kind." } };

export const SITE_ROUTES: RouteCase[] = [
  ...(["pending", "reported", "recent", "rejected", "featured", "to-answer", "appeals", "notices"] as const).map(
    (queue): RouteCase => ({ method: "GET", path: (s) => `/sites/${s}/queues/${queue}` }),
  ),
  { method: "POST", path: (s) => `/sites/${s}/moderation`, body: (i) => ({ action: "approve", ids: [i.comment] }) },
  { method: "POST", path: (s) => `/sites/${s}/moderation`, body: (i) => ({ action: "reject", ids: [i.comment], reason: "spam" }) },
  { method: "POST", path: (s, i) => `/sites/${s}/comments/${i.comment}/feature`, body: () => ({ note: "Good" }) },
  { method: "DELETE", path: (s, i) => `/sites/${s}/comments/${i.comment}/feature` },
  {
    method: "POST",
    path: (s, i) => `/sites/${s}/commenters/${i.commenter}/ban`,
    body: () => ({ duration: "permanent", reason: "Spam" }),
  },
  { method: "DELETE", path: (s, i) => `/sites/${s}/commenters/${i.commenter}/ban` },
  { method: "POST", path: (s) => `/sites/${s}/replies`, body: (i) => ({ parentId: i.comment, body: "Staff here." }) },
  { method: "PATCH", path: (s) => `/sites/${s}/story`, body: (i) => ({ story: i.story, premoderation: "on" }) },
  { method: "GET", path: (s) => `/sites/${s}/audit` },
  // the desk (PUT and DELETE of a template: reply-templates.security.test.ts, they need a template id)
  { method: "POST", path: (s) => `/sites/${s}/to-answer/dismiss`, body: (i) => ({ ids: [i.comment] }) },
  { method: "GET", path: (s) => `/sites/${s}/answer-times` },
  { method: "GET", path: (s) => `/sites/${s}/reply-templates` },
  { method: "POST", path: (s) => `/sites/${s}/reply-templates`, body: () => ({ title: "Merci", body: "Merci de votre message." }) },
  { method: "GET", path: (s) => `/sites/${s}/settings`, adminOnly: true },
  { method: "PUT", path: (s) => `/sites/${s}/settings`, body: () => settings, adminOnly: true },
  // alerts and deliveries (an acknowledgement and a retry need an id: alerts/api.test.ts and
  // delivery/outbox-api.test.ts)
  { method: "GET", path: (s) => `/sites/${s}/alerts` },
  { method: "GET", path: (s) => `/sites/${s}/alert-mail` },
  { method: "PUT", path: (s) => `/sites/${s}/alert-mail`, body: () => ({ enabled: true }) },
  { method: "GET", path: (s) => `/sites/${s}/outbox` },
  { method: "GET", path: (s) => `/sites/${s}/transparency?from=2026-01-01&to=2026-01-31` },
  // sites and teams, export, a person's data (issue 12; a member's role change or removal and an
  // invitation's withdrawal need an id: teams/*.test.ts)
  { method: "PATCH", path: (s) => `/sites/${s}`, body: () => ({ name: "Renamed" }), adminOnly: true },
  { method: "GET", path: (s) => `/sites/${s}/team`, adminOnly: true },
  {
    method: "POST",
    path: (s) => `/sites/${s}/invitations`,
    body: () => ({ email: "new.member@example.org", role: "moderator" }),
    adminOnly: true,
  },
  { method: "GET", path: (s) => `/sites/${s}/export?format=json`, adminOnly: true },
  { method: "GET", path: (s) => `/sites/${s}/export?format=csv`, adminOnly: true },
  { method: "GET", path: (s, i) => `/sites/${s}/commenters/${i.commenter}/export`, adminOnly: true },
  { method: "DELETE", path: (s, i) => `/sites/${s}/commenters/${i.commenter}`, adminOnly: true },
];

export function label(route: RouteCase): string {
  return `${route.method} ${route.path("{site}", { comment: 0, commenter: 0, story: "" })}`;
}
