// The Worker's D1 databases (issue 14: a database per large tenant). Every binding named DB or
// DB_<CAPITALS OR DIGITS> is one, with the same schema (worker/migrations). DB is also the registry:
// sites (sites.db names each site's home), staff, their sessions, roles and invitations.
//
// A request or a tick that works for one site runs with an env whose DB is that site's database
// (homeEnv): the services and SQL modules keep taking env.DB or a D1Database and never choose a
// database themselves, so a site's data cannot end up in another's. What needs the registry asks
// registryOf(env) for it.
import type { Env } from "../env";

/** The registry's binding, also the home of every site that was not moved. */
export const REGISTRY = "DB";

const BINDING = /^DB(_[A-Z0-9][A-Z0-9_]*)?$/;

function isD1(value: unknown): value is D1Database {
  const v = value as Partial<D1Database> | null;
  return typeof v?.prepare === "function" && typeof v.batch === "function";
}

/** Whether `name` may name a database binding (sites.db holds only such names, migration 0018). */
export function isDatabaseName(name: string): boolean {
  return BINDING.test(name);
}

/** The registry: DB as the Worker got it, even in an env whose DB is a tenant's. */
export function registryOf(env: Env): D1Database {
  return env.REGISTRY ?? env.DB;
}

/** The database bound as `name`, or null when the Worker has no such D1 binding. */
export function databaseOf(env: Env, name: string): D1Database | null {
  if (name === REGISTRY) return registryOf(env);
  if (!isDatabaseName(name)) return null;
  const value = (env as unknown as Record<string, unknown>)[name];
  return isD1(value) ? value : null;
}

/** Every database binding's name, the registry first: what the cron and the cross-site screens go through. */
export function databaseNames(env: Env): string[] {
  const others = Object.keys(env)
    .filter((k) => k !== REGISTRY && isDatabaseName(k) && isD1((env as unknown as Record<string, unknown>)[k]))
    .sort();
  return [REGISTRY, ...others];
}

/** The binding whose database `env.DB` is (the registry unless homeEnv said otherwise). */
export function homeName(env: Env): string {
  return env.DB_NAME ?? REGISTRY;
}

/**
 * `env` as seen by work for a site whose data lives in `name`: DB is that database (`db` when
 * given: a D1 session on it), the registry stays reachable. A copy: env is the isolate's, shared by
 * the requests in flight.
 */
export function homeEnv(env: Env, name: string, db?: D1Database): Env {
  const home = db ?? databaseOf(env, name);
  if (!home) throw new MissingDatabase(name);
  return { ...env, DB: home, REGISTRY: registryOf(env), DB_NAME: name };
}

/** The registry names a home this Worker has no binding for: a deployment missing a [[d1_databases]]. */
export class MissingDatabase extends Error {
  constructor(readonly binding: string) {
    super(`The registry places a site in the D1 binding ${binding}, which this Worker does not have: add it to wrangler.toml.`);
  }
}

/**
 * The cross-site screens (a member's home, their To answer queue, their figures): `read` runs once
 * per database holding some of `sites`, with those sites' ids, all at once; the answers come back
 * in the registry-first order of databaseNames. A site whose database this Worker lacks is left out
 * (logged), not allowed to fail the member's other sites.
 */
export async function perDatabase<S extends { id: string; db: string }, T>(
  env: Env,
  sites: S[],
  read: (db: D1Database, siteIds: string[]) => Promise<T>,
): Promise<T[]> {
  const groups = new Map<string, string[]>();
  for (const site of sites) groups.set(site.db, [...(groups.get(site.db) ?? []), site.id]);
  const names = [...groups.keys()].sort((a, b) => (a === REGISTRY ? -1 : b === REGISTRY ? 1 : a < b ? -1 : 1));
  const reads: Promise<T>[] = [];
  for (const name of names) {
    const db = databaseOf(env, name);
    if (!db) {
      console.error(new MissingDatabase(name).message, groups.get(name));
      continue;
    }
    reads.push(read(db, groups.get(name)!));
  }
  return Promise.all(reads);
}
