// The site export's rows read from D1 (the Worker): the SQL of export-rows.ts, bound.
import { typed } from "../db/typed";
import { BOUNDS_SQL, PAGE_SQL, SITE_SQL, type Bounds, type ExportSource, type PageKinds, type SiteRowX } from "./export-rows";

export function d1ExportSource(db: D1Database): ExportSource {
  return {
    site: (siteId) => typed<SiteRowX>(db.prepare(SITE_SQL).bind(siteId)).first(),
    bounds: async () => (await typed<Bounds>(db.prepare(BOUNDS_SQL)).first())!,
    page: async <K extends keyof PageKinds>(kind: K, siteId: string, afterId: number, limit: number, upTo: number) =>
      (await typed<PageKinds[K]>(db.prepare(PAGE_SQL[kind]).bind(siteId, afterId, limit, upTo)).all()).results,
  };
}
