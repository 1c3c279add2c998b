// What the person running `npm run import` sees: a progress bar on a terminal (cli-progress: done
// of total, rate, time left), a plain line every 5 % otherwise (logs, CI), and the final report.
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname } from "node:path";
import cliProgress from "cli-progress";
import type { ImportHooks, ImportReport, Skipped } from "../import/run";

/** Skipped items shown on screen; all of them go to the report file. */
const SHOWN = 20;

export class Progress implements ImportHooks {
  private bar: cliProgress.SingleBar | null = null;
  private total = 0;
  private lastLine = -1;
  private started = Date.now();
  readonly skippedItems: Skipped[] = [];
  /** opened at the first skipped item: a run that skips nothing leaves no file */
  private file: WriteStream | null = null;

  constructor(readonly reportPath: string) {}

  /** the second pass (writing) has begun */
  writing = false;

  start(total: number): void {
    this.writing = true;
    this.total = total;
    this.started = Date.now();
    if (process.stderr.isTTY) {
      this.bar = new cliProgress.SingleBar(
        { format: "Importing [{bar}] {value}/{total} comments | {rate}/s | {eta_formatted} left", stream: process.stderr, etaBuffer: 50 },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0, { rate: "0" });
    } else {
      console.error(`Importing ${total} comments…`);
    }
  }

  tick(done: number): void {
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    if (this.bar) {
      this.bar.update(done, { rate: String(rate) });
      return;
    }
    const step = this.total ? Math.floor((done / this.total) * 20) : 20;
    if (step !== this.lastLine) {
      this.lastLine = step;
      const left = rate > 0 ? Math.round((this.total - done) / rate) : 0;
      console.error(`${done}/${this.total} comments (${rate}/s, about ${left} s left)`);
    }
  }

  skipped(item: Skipped): void {
    if (this.skippedItems.length < SHOWN) this.skippedItems.push(item);
    if (!this.file) {
      mkdirSync(dirname(this.reportPath), { recursive: true });
      this.file = createWriteStream(this.reportPath, { encoding: "utf8" });
    }
    this.file.write(`${item.kind}\t${item.id}\t${item.reason}\n`);
  }

  async stop(): Promise<void> {
    this.bar?.stop();
    const file = this.file;
    if (file) await new Promise<void>((resolve) => file.end(resolve));
  }
}

export function printReport(report: ImportReport, progress: Progress, where: string): void {
  const lines = [
    `Done (${where}).`,
    `The file holds ${report.read.threads} threads and ${report.read.comments} comments.`,
    `Created now: ${report.created.story} stories, ${report.created.commenter} authors, ${report.created.comment} comments` +
      (report.created.comment === 0 && report.created.story === 0 ? " (everything was already imported)." : "."),
    `Comments taken (not skipped), by status: ${
      Object.entries(report.byStatus)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ") || "none"
    }.`,
    `Skipped: ${report.skippedCount}.`,
    ...Object.entries(report.skippedByReason).map(([reason, n]) => `  ${n} × ${reason}`),
  ];
  if (report.skippedCount > 0) {
    lines.push(`Skipped items${report.skippedCount > SHOWN ? ` (first ${SHOWN})` : ""}:`);
    for (const s of progress.skippedItems) lines.push(`  ${s.kind} ${s.id}: ${s.reason}`);
    lines.push(`Every skipped item, with its reason: ${progress.reportPath}`);
  }
  console.log(lines.join("\n"));
}
