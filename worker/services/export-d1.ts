// The site export's rows read from D1 (the Worker): the SQL of export-rows.ts, bound.
import { BOUNDS_SQL, PAGE_SQL, SITE_SQL, type Bounds, type ExportSource, type PageKinds, type SiteRowX } from "./export-rows";

export function d1ExportSource(db: D1Database): ExportSource {
  return {
    site: (siteId) => db.prepare(SITE_SQL).bind(siteId).first<SiteRowX>(),
    bounds: async () => (await db.prepare(BOUNDS_SQL).first<Bounds>())!,
    page: async <K extends keyof PageKinds>(kind: K, siteId: string, afterId: number, limit: number, upTo: number) =>
      (await db.prepare(PAGE_SQL[kind]).bind(siteId, afterId, limit, upTo).all<PageKinds[K]>()).results,
  };
}
