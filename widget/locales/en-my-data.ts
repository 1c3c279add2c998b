// English strings of the reader's own data panel (export, erasure), in the my-data chunk.
import type { MyDataMessages } from "./messages";

export const enMyData: MyDataMessages = {
  download: "Download my data",
  saved: (file) => `Your data is saved: ${file}`,
  erase: "Erase my data",
  ask: "Erase your data from this site?",
  what: "Your name, email and sign-in link, the text of all your comments and their edits, your likes, notification addresses and network traces are erased, and this browser forgets you. Comments that others answered stay as “Comment deleted” placeholders; your reports stay counted, anonymously. If we know your email, we first send you a link to confirm. This cannot be undone.",
  yes: "Yes, erase",
  erased: "Your data is erased.",
  checkMail: (to) => `Check your mail at ${to}: the erasure waits for you to confirm it.`,
  none: "This site holds no data about you yet.",
};
