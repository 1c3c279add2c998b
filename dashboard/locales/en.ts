// English strings of the staff dashboard.
export const en = {
  appName: "Palabre",
  staffArea: "Staff area",
  intro:
    "This is where community managers and editors of your sites will moderate comments, answer readers and pick the editors' selection.",
  comingTitle: "What is here today",
  comingBody:
    "The reader side runs: the demo pages below embed the comments widget. Staff sign-in, the moderation queues and featuring arrive with the moderation release.",
  demosTitle: "Demo pages",
  demoJournal: "Le Quotidien — a French newspaper article",
  demoBand: "The Velvet Owls — a band's news page",
  language: "Language",
};

export type DashboardStrings = typeof en;
