// English strings of a person's data (issue 12, GDPR Art. 15, 17, 20) in the person view, and of
// a site's export in its settings. Without imports: the worker project's typecheck reads these strings (test/dashboard).
const s = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

export const enGdpr = {
  personExportData: "Export data",
  personExportDataHint: (name: string) => `Everything Palabre holds on ${name}, as a JSON file`,
  personErase: "Erase this person",
  erasedPerson: "Erased person",
  erasedOn: (date: string) => `erased on ${date}`,
  personErasedText: "Erased with its author's data.",
  erasedStanding: "Erased: this identity can no longer comment.",
  erasedHelp: "This person's data was erased (GDPR Art. 17). Their comments that others answered remain as “deleted” placeholders.",
  eraseTitle: (name: string) => (name ? `Erase ${name}?` : "Erase this person?"),
  eraseWhat:
    "Their name, email, avatar and sign-in link, the text of all their comments, their edits, likes, notification addresses and network traces are erased. Comments that others answered remain as “deleted” placeholders. Their reports stay counted, anonymously. This cannot be undone.",
  eraseExportFirst: "To give them their data, export it first.",
  eraseTypeName: (name: string) => `To confirm, type their name: ${name}`,
  eraseTypeWord: (word: string) => `To confirm, type ${word}`,
  eraseWord: "ERASE",
  eraseConfirm: "Erase for good",
  erasing: "Erasing…",
  erasedDone: (c: { removed: number; placeholders: number }) =>
    `Erased: ${s(c.removed, "comment", "comments")} removed, ${c.placeholders} kept as ${c.placeholders === 1 ? "a placeholder" : "placeholders"}`,
  eraseStaffRefused: "This is a staff member's replying identity.",

  dataSection: "Data",
  dataHelp:
    "Every story, commenter and comment of the site, with their statuses and dates (in the JSON, also the email and avatar your site gave its signed-in readers): no secret, no network trace, no staff account. The JSON file is Palabre's own format, which the import reads back; the CSV has one line per comment.",
  dataReimport: "Import the JSON file into a site:",
  exportJson: "Export comments (JSON)",
  exportCsv: "Export comments (CSV)",
};

export type GdprStrings = typeof enGdpr;
