// A site's export as a stream of text chunks, page by page: at most one page of rows is in memory
// at a time, whatever the site's size (100 000 comments and more). Shared by the staff API (D1)
// and the CLI (wrangler), which differ only in their ExportSource.
import { CSV_COLUMNS } from "../schemas/export";
import { CSV_BOM, csvLines } from "../lib/csv";
import {
  exportHeader,
  toCsvCells,
  toExportComment,
  toExportCommenter,
  toExportStory,
  type Bounds,
  type ExportSource,
  type PageKind,
  type PageKinds,
} from "./export-rows";

/** Rows per read: a page of long comments stays well under a megabyte or two. */
export const EXPORT_PAGE = 500;

async function* pages<K extends PageKind>(
  src: ExportSource,
  kind: K,
  siteId: string,
  upTo: number,
  pageSize: number,
): AsyncGenerator<PageKinds[K][]> {
  let after = 0;
  for (;;) {
    const rows = await src.page(kind, siteId, after, pageSize, upTo);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** A JSON array's items, page by page, each page one chunk ("a,b,c" then ",d,e"). */
async function* jsonArray<K extends PageKind>(
  src: ExportSource,
  kind: K,
  siteId: string,
  upTo: number,
  pageSize: number,
  map: (row: PageKinds[K]) => unknown,
): AsyncGenerator<string> {
  let first = true;
  for await (const rows of pages(src, kind, siteId, upTo, pageSize)) {
    yield (first ? "" : ",") + rows.map((r) => JSON.stringify(map(r))).join(",");
    first = false;
  }
}

export class ExportSiteMissing extends Error {}

/** Reads the site and the bounds first, so that a missing site is an error before any byte is sent. */
export async function prepareExport(src: ExportSource, siteId: string) {
  const [site, bounds] = await Promise.all([src.site(siteId), src.bounds()]);
  if (!site) throw new ExportSiteMissing(`No site "${siteId}".`);
  return { site, bounds };
}

/** Palabre's JSON (worker/schemas/export.ts), its keys in the documented order. */
export async function* jsonExport(
  src: ExportSource,
  prepared: Awaited<ReturnType<typeof prepareExport>>,
  now: number,
  pageSize = EXPORT_PAGE,
): AsyncGenerator<string> {
  const { site, bounds } = prepared;
  const header = JSON.stringify(exportHeader(site, now));
  yield `${header.slice(0, -1)},"stories":[`;
  yield* jsonArray(src, "stories", site.id, bounds.stories, pageSize, toExportStory);
  yield `],"commenters":[`;
  yield* jsonArray(src, "commenters", site.id, bounds.commenters, pageSize, toExportCommenter);
  yield `],"comments":[`;
  yield* jsonArray(src, "comments", site.id, bounds.comments, pageSize, toExportComment);
  yield "]}\n";
}

/** One line per comment, its story and author inlined; spreadsheet-safe cells (lib/csv). */
export async function* csvExport(
  src: ExportSource,
  prepared: { bounds: Bounds; site: { id: string } },
  pageSize = EXPORT_PAGE,
): AsyncGenerator<string> {
  yield CSV_BOM + csvLines([[...CSV_COLUMNS]]);
  for await (const rows of pages(src, "csv", prepared.site.id, prepared.bounds.comments, pageSize)) {
    yield csvLines(rows.map(toCsvCells));
  }
}

/**
 * The chunks as a byte stream that reads the next page only when the client has taken the last
 * one (pull): a slow download holds one page, not the whole site.
 */
export function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
