// Types for widget-sizes.mjs, so that the TypeScript size test can import it.
export interface Metafile {
  outputs: Record<
    string,
    {
      bytes: number;
      entryPoint?: string;
      inputs: Record<string, { bytesInOutput: number }>;
      imports: { path: string; kind: string; external?: boolean }[];
    }
  >;
}
export const ENTRY: string;
export const PATH_BUDGET_GZIP: number;
export const PATH_GOAL_GZIP: number;
export const TOTAL_BUDGET_GZIP: number;
export const LOCALE_SOURCES: string[];
export function read(path: string): Buffer;
export function gzipSize(path: string): number;
export function brotliSize(path: string): number;
export function readMeta(): Metafile;
export function widgetFiles(meta: Metafile): string[];
export function staticClosure(meta: Metafile, start: string): Set<string>;
export function firstCommentPath(meta: Metafile, size?: (path: string) => number): string[];
