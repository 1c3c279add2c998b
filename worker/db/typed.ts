// D1 results typed where the statement is prepared, not cast where the result is read.
//
// D1's types leave every row `Record<string, unknown>` (or whatever a caller writes in `first<T>()`),
// so each reader cast its results, far from the SQL that decides their columns: a cast that lied
// compiled. Here the db module that writes the SQL names its row once — `typed<CommentRow>(db.prepare(…)
// .bind(…))` — and the statement carries that type to `.first()`, `.all()`, `.run()` and to its place in
// a batch (`batchOf`, `resultOf`). Nothing changes at run time: `typed` returns the statement itself
// and `batchOf` is `db.batch`.

/** Only a type: no such symbol exists at run time (`typed` adds no property). */
declare const rowType: unique symbol;

/** A prepared statement whose rows are `R`. Still a D1PreparedStatement, so `db.batch` takes it. */
export interface Typed<R> extends D1PreparedStatement {
  /** The row type, for `batchOf` and `resultOf` to find (never set). */
  readonly [rowType]?: R;
  first<T = unknown>(colName: string): Promise<T | null>;
  first<T = R>(): Promise<T | null>;
  run<T = R>(): Promise<D1Result<T>>;
  all<T = R>(): Promise<D1Result<T>>;
}

/** The row type a statement was prepared with (`unknown` for a statement `typed` never saw). */
export type RowOf<S> = S extends { readonly [rowType]?: infer R } ? (unknown extends R ? unknown : R) : unknown;

/** Declares the rows of a statement: the one place their type is written. */
export function typed<R>(statement: D1PreparedStatement): Typed<R> {
  return statement as Typed<R>;
}

/** Each statement's result, typed by the statement. */
export type Results<S extends readonly D1PreparedStatement[]> = { -readonly [K in keyof S]: D1Result<RowOf<S[K]>> };

/**
 * `db.batch(statements)` (one round trip, one transaction), whose results keep each statement's
 * row type: `const [a, b] = await batchOf(db, [selectA(…), selectB(…)])`.
 */
export async function batchOf<const S extends readonly D1PreparedStatement[]>(db: D1Database, statements: S): Promise<Results<S>> {
  return (await db.batch([...statements])) as Results<S>;
}

/**
 * `statement`'s result among a batch's `results`, found by the statement itself rather than by
 * counting (for batches of a variable number of writes, where an index from the end would be counted
 * again at every read). `statements` is the array the batch ran.
 */
export function resultOf<R>(
  results: readonly D1Result<unknown>[],
  statements: readonly D1PreparedStatement[],
  statement: Typed<R>,
): D1Result<R> {
  const at = statements.indexOf(statement);
  // A statement that is not in the batch is a bug of the caller, never a state of the data.
  if (at < 0 || at >= results.length) throw new Error("resultOf: the statement is not in this batch");
  return results[at] as D1Result<R>;
}

/** The last of a batch's results, typed by the statement that ends it (`[...writes, read]`). */
export function last<T>(items: readonly [...unknown[], T]): T {
  return items[items.length - 1] as T;
}
