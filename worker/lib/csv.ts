// CSV as spreadsheets read it (RFC 4180), safe to open: no cell is taken for a formula.

/**
 * One cell: a text starting with = + - @ (or a tab or carriage return, which some spreadsheets
 * skip before looking) is prefixed with ' so it stays text rather than running as a formula; a cell
 * with a quote, comma or line break is quoted, its quotes doubled.
 */
export function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** Rows as CSV lines ending with CRLF. */
export function csvLines(rows: (string | number | null)[][]): string {
  return rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
}

/**
 * The start of a CSV file: a byte order mark, without which spreadsheets read UTF-8 (accents of a
 * French site's names and comments) as another encoding.
 */
export const CSV_BOM = "\uFEFF";
