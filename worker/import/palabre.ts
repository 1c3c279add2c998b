// Palabre's own export (worker/schemas/export.ts, "palabre-export" version 1), read back as a
// stream: the file is one JSON document, so this splits it into its top-level values and the
// elements of its three lists, and JSON.parse reads each element: memory holds one comment at a
// time (and the authors' names: commenters come before comments).
import { EXPORT_FORMAT, EXPORT_VERSION, exportComment, exportCommenter, exportStory } from "../schemas/export";
import { ImportError, authorKey, authorName, parseDate, type CommentRecord, type RecordSink, type SourceStatus } from "./records";

const LISTS = new Set(["stories", "commenters", "comments"]);
const ELEMENT_MAX = 2_000_000;
const NAME = "a Palabre export (palabre-export JSON)";

type Emit = (list: string | null, key: string, json: string) => Promise<void>;

const notJson = () => new ImportError(`This is not well-formed JSON, so not ${NAME}.`);

/**
 * Splits the document: `emit(list, key, text)` for each element of the three lists, and
 * `emit(null, key, text)` for every other top-level value. Only strings and brackets are tracked;
 * JSON.parse checks each piece.
 */
async function split(chunks: AsyncIterable<string>, emit: Emit): Promise<void> {
  let state: "start" | "key" | "colon" | "value" | "element" | "end" = "start";
  let depth = 0;
  let inString = false;
  let escaped = false;
  let key = "";
  let keyText: string | null = null;
  let capture: string | null = null;
  let captureList: string | null = null;
  let captureDepth = 0;
  for await (const chunk of chunks) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === "\\") escaped = true;
        else if (ch === '"') {
          inString = false;
          if (keyText !== null) {
            key = parseJson(keyText + chunk.slice(from, i + 1), "a key") as string;
            keyText = null;
            state = "colon";
          }
        }
        continue;
      }
      if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t" || ch === "\ufeff") continue;
      if (capture === null) {
        if (state === "start") {
          if (ch !== "{")
            throw new ImportError(
              `This is not ${NAME}: it does not start with "{"${ch === "<" ? " (it looks like XML: use disqus or wordpress)" : ""}.`,
            );
          depth = 1;
          state = "key";
          continue;
        }
        if (state === "key") {
          if (ch === ",") continue;
          if (ch === "}") {
            depth = 0;
            state = "end";
            continue;
          }
          if (ch !== '"') throw notJson();
          inString = true;
          keyText = "";
          from = i;
          continue;
        }
        if (state === "colon") {
          if (ch !== ":") throw notJson();
          state = "value";
          continue;
        }
        if (state === "end") throw new ImportError(`There is more after the end of the JSON document: this is not ${NAME}.`);
        if (state === "value" && LISTS.has(key) && ch === "[") {
          depth = 2;
          state = "element";
          continue;
        }
        if (state === "element" && ch === ",") continue;
        if (state === "element" && ch === "]") {
          depth = 1;
          state = "key";
          continue;
        }
        capture = "";
        from = i;
        captureList = state === "element" ? key : null;
        captureDepth = depth;
      }
      if (ch === '"') inString = true;
      else if (ch === "{" || ch === "[") depth++;
      else if ((ch === "}" || ch === "]" || ch === ",") && depth === captureDepth) {
        const text = capture + chunk.slice(from, i);
        capture = null;
        await emit(captureList, key, text.trim());
        if (ch === ",") state = captureList ? "element" : "key";
        else if (captureList && ch === "]") (depth = 1), (state = "key");
        else if (!captureList && ch === "}") (depth = 0), (state = "end");
        else throw notJson();
      } else if (ch === "}" || ch === "]") depth--;
    }
    if (keyText !== null) keyText += chunk.slice(from);
    if (capture !== null) {
      capture += chunk.slice(from);
      if (capture.length > ELEMENT_MAX)
        throw new ImportError(`An element of "${key}" is larger than ${ELEMENT_MAX} characters: this is not ${NAME}.`);
    }
  }
  if (state === "start") throw new ImportError(`This is not ${NAME}: the file is empty.`);
  if (state !== "end") throw new ImportError("The file ends too early: it looks truncated. Nothing was imported; export it again.");
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ImportError(`This is not well-formed JSON (in "${what}": ${text.slice(0, 60)}…), so not ${NAME}.`);
  }
}

const STATUS: Record<string, SourceStatus> = { published: "approved", pending: "pending", rejected: "rejected", deleted: "deleted" };

export async function parsePalabre(chunks: AsyncIterable<string>, sink: RecordSink): Promise<void> {
  const authors = new Map<number, { name: string; sso?: CommentRecord["sso"] }>();
  let format: unknown;
  let version: unknown;
  const header = () => {
    if (format !== EXPORT_FORMAT) throw new ImportError(`This is not ${NAME}: its "format" is ${JSON.stringify(format) ?? "missing"}.`);
    if (version !== EXPORT_VERSION)
      throw new ImportError(`This Palabre export is version ${JSON.stringify(version)}; this importer reads version ${EXPORT_VERSION}.`);
  };
  await split(chunks, async (list, key, text) => {
    if (list === null) {
      if (key === "format") format = parseJson(text, key);
      if (key === "version") version = parseJson(text, key);
      return;
    }
    header();
    const value = parseJson(text, list);
    if (list === "stories") {
      const s = exportStory.safeParse(value);
      if (!s.success)
        throw new ImportError(`A story of the file is not in Palabre's format: ${s.error.issues[0]?.message} (${text.slice(0, 80)}).`);
      await sink.thread({
        sourceId: String(s.data.id),
        key: s.data.key,
        url: s.data.url,
        title: s.data.title,
        createdAt: parseDate(s.data.createdAt),
        closed: s.data.status === "closed",
      });
    } else if (list === "commenters") {
      const c = exportCommenter.safeParse(value);
      if (!c.success) throw new ImportError(`A commenter of the file is not in Palabre's format: ${c.error.issues[0]?.message}.`);
      const d = c.data;
      authors.set(d.id, {
        name: d.name,
        ...(d.kind === "sso" && d.externalId && !d.erased
          ? { sso: { externalId: d.externalId, email: d.email, avatarUrl: d.avatarUrl } }
          : {}),
      });
    } else {
      const c = exportComment.safeParse(value);
      if (!c.success)
        throw new ImportError(`A comment of the file is not in Palabre's format: ${c.error.issues[0]?.message} (${text.slice(0, 80)}).`);
      const d = c.data;
      const author = authors.get(d.authorId);
      const name = authorName(author?.name);
      await sink.comment({
        sourceId: String(d.id),
        threadId: String(d.storyId),
        parentId: d.replyToId === null ? null : String(d.replyToId),
        authorKey: authorKey({ userId: `palabre:${d.authorId}`, name }),
        authorName: name,
        createdAt: parseDate(d.createdAt) ?? d.createdAt,
        body: d.body,
        status: d.deletedAt !== null ? "deleted" : STATUS[d.status]!,
        notComment: null,
        ...(author?.sso ? { sso: author.sso } : {}),
      });
    }
  });
  header();
}
