// An import in two passes over the file. The first reads it all and writes nothing: a file that is
// not the format it claims, truncated or not well formed is refused before any write, and it
// learns every thread and comment id (for orphans, and for the progress bar's total). The second
// writes in batches, each statement idempotent (sql.ts), so a run cut short can be run again.
import { STORY_KEY_MAX } from "../schemas/reader";
import { ImportError, type CommentRecord, type ImportSource, type RecordSink, type ThreadRecord } from "./records";
import { commentSql, commenterSql, finishSql, siteExistsSql, storySql, type StoryRow } from "./sql";

/** Runs SQL where the site lives: D1 in tests, wrangler in the CLI. One call = one unit. */
export interface Executor {
  run(statements: string[]): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
}

export interface Skipped {
  kind: "thread" | "comment";
  id: string;
  reason: string;
}

export interface ImportHooks {
  /** the second pass begins: `total` comments to go through */
  start?(total: number): void;
  /** `done` comments went through (written or skipped) so far */
  tick?(done: number): void;
  skipped?(item: Skipped): void;
}

export interface ImportReport {
  /** what the file holds */
  read: { threads: number; comments: number };
  /** comments written or already there, by source status */
  byStatus: Record<string, number>;
  /** rows this run created, by kind (0 everywhere on a second run) */
  created: { story: number; commenter: number; comment: number };
  skippedCount: number;
  skippedByReason: Record<string, number>;
}

export type Parser = (chunks: AsyncIterable<string>, sink: RecordSink) => Promise<void>;

interface Options {
  site: string;
  source: ImportSource;
  parse: Parser;
  /** opens the file afresh (it is read twice) */
  open: () => AsyncIterable<string>;
  exec: Executor;
  now: number;
  /** comments per batch */
  batchSize?: number;
  hooks?: ImportHooks;
}

type Thread = { story: StoryRow } | { skip: string };

function checkThread(t: ThreadRecord): Thread {
  if (!t.sourceId) return { skip: "the thread has no id" };
  if (!t.key) return { skip: "the thread has no URL and no identifier, so no story to attach its comments to" };
  if (t.key.length > STORY_KEY_MAX) return { skip: `the thread's key is longer than ${STORY_KEY_MAX} characters` };
  return { story: { sourceId: t.sourceId, key: t.key, url: t.url, title: t.title, createdAt: t.createdAt ?? 0, closed: t.closed } };
}

async function countRows(exec: Executor, site: string, source: ImportSource): Promise<Record<string, number>> {
  const rows = await exec.query<{ kind: string; n: number }>(
    `SELECT kind, count(*) AS n FROM import_sources WHERE site_id = '${site}' AND source = '${source}' GROUP BY kind;`,
  );
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

export async function runImport(o: Options): Promise<ImportReport> {
  // The site id was checked against SITE_ID by the caller; it is inlined as is below.
  if ((await o.exec.query<{ id: string }>(siteExistsSql(o.site))).length === 0) {
    throw new ImportError(`There is no site "${o.site}" in this database. Create it first (dashboard › Sites), or check --site.`);
  }

  // Pass 1: read everything, write nothing.
  const threads = new Map<string, Thread>();
  const ids = new Set<string>();
  const answered = new Set<string>();
  let commentCount = 0;
  await o.parse(o.open(), {
    thread(t) {
      if (t.sourceId && !threads.has(t.sourceId)) threads.set(t.sourceId, checkThread(t));
    },
    comment(c) {
      commentCount++;
      if (c.sourceId) ids.add(c.sourceId);
      if (c.parentId) answered.add(c.parentId);
    },
  });
  if (threads.size === 0 && commentCount === 0) {
    throw new ImportError("The file holds no threads and no comments: nothing to import. Is it the full export?");
  }

  // Pass 2: write in batches.
  const before = await countRows(o.exec, o.site, o.source);
  const report: ImportReport = {
    read: { threads: threads.size, comments: commentCount },
    byStatus: {},
    created: { story: 0, commenter: 0, comment: 0 },
    skippedCount: 0,
    skippedByReason: {},
  };
  const batchSize = o.batchSize ?? 500;
  const storiesDone = new Set<string>();
  const authorsDone = new Set<string>();
  const written = new Set<string>();
  const skippedIds = new Set<string>();
  const waiting = new Map<string, CommentRecord[]>();
  let batch: string[] = [];
  let inBatch = 0;
  let done = 0;
  o.hooks?.start?.(commentCount);

  const flush = async () => {
    if (batch.length) await o.exec.run(batch);
    batch = [];
    inBatch = 0;
    o.hooks?.tick?.(done);
  };
  const skip = (kind: Skipped["kind"], id: string, reason: string) => {
    report.skippedCount++;
    const general = reason.replace(/"[^"]*"/g, "…");
    report.skippedByReason[general] = (report.skippedByReason[general] ?? 0) + 1;
    o.hooks?.skipped?.({ kind, id, reason });
  };
  const skipComment = (c: CommentRecord, reason: string) => {
    done++;
    if (c.sourceId) skippedIds.add(c.sourceId);
    skip("comment", c.sourceId || "(no id)", reason);
    // Its replies, already met, go with it.
    for (const r of waiting.get(c.sourceId) ?? []) skipComment(r, `its parent "${c.sourceId}" was skipped`);
    waiting.delete(c.sourceId);
  };
  const write = (c: CommentRecord, story: StoryRow, createdAt: number) => {
    if (!storiesDone.has(story.sourceId)) {
      storiesDone.add(story.sourceId);
      batch.push(...storySql(o.site, o.source, { ...story, createdAt: story.createdAt || createdAt }, o.now));
    }
    if (!authorsDone.has(c.authorKey)) {
      authorsDone.add(c.authorKey);
      batch.push(...commenterSql(o.site, o.source, { key: c.authorKey, name: c.authorName, createdAt, sso: c.sso }, o.now));
    }
    const hasReplies = answered.has(c.sourceId);
    const status = c.body === "" && c.status !== "deleted" ? "deleted" : c.status;
    batch.push(
      ...commentSql(
        o.site,
        o.source,
        {
          sourceId: c.sourceId,
          storyKey: story.key,
          parentId: c.parentId,
          authorKey: c.authorKey,
          body: c.body,
          status,
          hasReplies,
          createdAt,
        },
        o.now,
      ),
    );
    report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
    written.add(c.sourceId);
    done++;
    inBatch++;
    for (const r of waiting.get(c.sourceId) ?? []) consider(r);
    waiting.delete(c.sourceId);
  };
  const consider = (c: CommentRecord) => {
    if (c.notComment) return skipComment(c, c.notComment);
    if (!c.sourceId) return skipComment(c, "the comment has no id");
    if (written.has(c.sourceId) || skippedIds.has(c.sourceId)) {
      done++;
      return skip("comment", c.sourceId, "another comment of the file has the same id");
    }
    const thread = threads.get(c.threadId);
    if (!thread) return skipComment(c, `its thread "${c.threadId}" is not in the file`);
    if ("skip" in thread) return skipComment(c, `its thread "${c.threadId}" was skipped: ${thread.skip}`);
    if (typeof c.createdAt !== "number") {
      return skipComment(
        c,
        c.createdAt === null
          ? "the comment has no date"
          : `its date "${c.createdAt}" is not a date this importer reads (ISO 8601 like 2024-05-01T12:00:00Z, or RFC 2822)`,
      );
    }
    if (c.body === "" && c.status !== "deleted" && !answered.has(c.sourceId)) return skipComment(c, "the comment's text is empty");
    if (c.parentId !== null) {
      if (!ids.has(c.parentId)) return skipComment(c, `orphan: its parent "${c.parentId}" is not in the file`);
      if (skippedIds.has(c.parentId)) return skipComment(c, `its parent "${c.parentId}" was skipped`);
      if (!written.has(c.parentId)) {
        // A reply met before what it answers: written right after it.
        const list = waiting.get(c.parentId) ?? [];
        list.push(c);
        waiting.set(c.parentId, list);
        return;
      }
    }
    write(c, thread.story, c.createdAt);
  };

  await o.parse(o.open(), {
    thread(t) {
      const checked = threads.get(t.sourceId);
      if (checked && "skip" in checked && !storiesDone.has(`skip:${t.sourceId}`)) {
        storiesDone.add(`skip:${t.sourceId}`);
        skip("thread", t.sourceId || "(no id)", checked.skip);
      }
    },
    async comment(c) {
      consider(c);
      if (inBatch >= batchSize) await flush();
    },
  });
  for (const list of waiting.values()) for (const c of list) skipComment(c, `its parent "${c.parentId}" was never imported`);
  waiting.clear();
  await flush();
  await o.exec.run(finishSql(o.site, o.source, o.now));

  const after = await countRows(o.exec, o.site, o.source);
  for (const kind of ["story", "commenter", "comment"] as const) report.created[kind] = (after[kind] ?? 0) - (before[kind] ?? 0);
  return report;
}
