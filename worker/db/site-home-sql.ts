// Where the registry places a site (sites.db in DB, migration 0018); ?1 the site. Apart from
// db/sites.ts, which has the Workers' types: the CLIs (Node) run it through wrangler too.
export const SITE_HOME_SQL = "SELECT db FROM sites WHERE id = ?1";
