// SQL shared by the reads that answer in one batch: a statement that reads nothing when the
// reader already has the story's version (a conditional request, a page in the Cache API), so
// that the same batch can both tell whether anything changed and hold the page when it did.

/**
 * `sql` run only when the story's version is not `version` (a parameter such as "?8", NULL: always
 * run). The gate is a one-row table joined first (CROSS JOIN keeps it outermost): when the version
 * is the reader's, it is empty and SQLite never starts `sql`. `order` is the rows' order, which the
 * wrapping query does not promise to keep by itself (none: the caller sorts them).
 */
export function unlessStoryVersion(sql: string, p: { site: string; key: string; version: string; order?: string }): string {
  return `SELECT n.* FROM (SELECT 1 WHERE (SELECT version FROM stories WHERE site_id = ${p.site} AND key = ${p.key}) IS NOT ${p.version}) AS g
          CROSS JOIN (${sql}) AS n${p.order ? ` ORDER BY ${p.order}` : ""}`;
}
