// Where staff are in the dashboard, kept in the URL's hash so that reloads and the back button keep
// their place: #/ (the home), #/{site}/queues/{queue}, #/{site}/{audit|outbox|settings|stats|templates|team},
// and the views of all the member's sites, #/all/to-answer, #/all/stats and #/all/sites (the sites
// one works on, an owner's new site, one's own password). The last site is remembered for the next
// visit. #/invitation/{token} is the invitation page (main.tsx), read before any session.
import type { QueueName } from "../worker/schemas/admin-views";

export type View = "home" | "queues" | "audit" | "outbox" | "settings" | "stats" | "templates" | "to-answer" | "team" | "sites";

export interface Route {
  /** the site acted on; null on the home and in the views of all sites */
  site: string | null;
  view: View;
  queue: QueueName;
}

export const QUEUE_NAMES: readonly QueueName[] = [
  "pending",
  "reported",
  "to-answer",
  "notices",
  "appeals",
  "recent",
  "rejected",
  "featured",
];
const SITE_VIEWS: readonly View[] = ["audit", "outbox", "settings", "stats", "templates", "team"];
/** The views of all sites, the first being the default. */
const ALL_VIEWS: readonly View[] = ["to-answer", "stats", "sites"];
/** "all" cannot be a site id's whole path segment here: it names the views of every site. */
export const ALL = "all";
const LAST_SITE = "palabre.admin.site";

export function readRoute(hash = location.hash): Route {
  const [first, view, queue] = hash
    .replace(/^#\/?/, "")
    .split("/")
    .map((p) => decodeURIComponent(p));
  const q = queue && (QUEUE_NAMES as readonly string[]).includes(queue) ? (queue as QueueName) : "pending";
  if (!first) return { site: null, view: "home", queue: "pending" };
  if (first === ALL) return { site: null, view: ALL_VIEWS.includes(view as View) ? (view as View) : "to-answer", queue: "to-answer" };
  return { site: first, view: SITE_VIEWS.includes(view as View) ? (view as View) : "queues", queue: q };
}

export function routeHash(route: Route): string {
  if (route.view === "home") return "#/";
  if (!route.site) return `#/${ALL}/${ALL_VIEWS.includes(route.view) ? route.view : "to-answer"}`;
  const site = encodeURIComponent(route.site);
  return route.view === "queues" || route.view === "to-answer"
    ? `#/${site}/queues/${route.view === "to-answer" ? "to-answer" : route.queue}`
    : `#/${site}/${route.view}`;
}

export function lastSite(): string | null {
  try {
    return localStorage.getItem(LAST_SITE);
  } catch {
    return null;
  }
}

export function rememberSite(site: string): void {
  try {
    localStorage.setItem(LAST_SITE, site);
  } catch {
    // Private browsing may refuse storage: the dashboard then offers the first site.
  }
}
