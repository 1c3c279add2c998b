// Where staff are in the dashboard, kept in the URL's hash (#/site/queues/pending) so that reloads
// and the back button keep their place; the last site is remembered for the next visit.
import type { QueueName } from "../worker/schemas/admin-views";

export type View = "queues" | "audit" | "settings";

export interface Route {
  site: string | null;
  view: View;
  queue: QueueName;
}

const QUEUE_NAMES: readonly string[] = ["pending", "reported", "recent", "rejected", "featured"];
const LAST_SITE = "palabre.admin.site";

export function readRoute(hash = location.hash): Route {
  const [site, view, queue] = hash.replace(/^#\/?/, "").split("/").map((p) => decodeURIComponent(p));
  return {
    site: site || null,
    view: view === "audit" || view === "settings" ? view : "queues",
    queue: queue && QUEUE_NAMES.includes(queue) ? (queue as QueueName) : "pending",
  };
}

export function routeHash(route: Route): string {
  const site = encodeURIComponent(route.site ?? "");
  return route.view === "queues" ? `#/${site}/queues/${route.queue}` : `#/${site}/${route.view}`;
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
    // Private browsing may refuse storage: the dashboard then opens on the first site.
  }
}
