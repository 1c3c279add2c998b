// What readers' notification mails and the pages of their links say, in fr and en. French follows
// French typography: no-break spaces before : ; ! ? and inside « ».
import type { NotifyKind } from "../db/subscriptions";

export type NotifyLocale = "fr" | "en";
/** why a link's page answers as it does */
export type LinkOutcome = "confirmed" | "expired" | "used" | "forged" | "saved" | "stopped" | "off";

const NBSP = "\u00a0";

export interface NotifyWords {
  confirmSubject: (site: string) => string;
  confirmText: (site: string, link: string) => string;
  subject: (site: string, story: string, n: number) => string;
  intro: (story: string) => string;
  item: (kind: NotifyKind, author: string) => string;
  read: string;
  /** before a link on its own: ": ", or French's no-break space and colon */
  colon: string;
  unsubscribe: string;
  pageTitle: (site: string) => string;
  outcome: Record<LinkOutcome, string>;
  choose: string;
  kinds: Record<NotifyKind, string>;
  save: string;
  stopAll: string;
}

const en: NotifyWords = {
  confirmSubject: (site) => `Confirm your reply notifications on ${site}`,
  confirmText: (site, link) =>
    `You asked ${site} to tell you by mail when someone answers your comment.\n\n` +
    `Confirm your address by following this link (valid for 48 hours):\n${link}\n\n` +
    `If you did not ask for it, ignore this mail: nothing will be sent to you.`,
  subject: (site, story, n) => `${n === 1 ? "News" : `${n} news`} of your comment on “${story}” (${site})`,
  intro: (story) => `About your comment on “${story}”:`,
  item: (kind, author) =>
    kind === "featured"
      ? "Your comment was featured by the editors."
      : kind === "staff-reply"
        ? `${author} (staff) answered:`
        : `${author} answered:`,
  read: "Read it",
  colon: ": ",
  unsubscribe: "Stop these mails or choose which you get",
  pageTitle: (site) => `Reply notifications · ${site}`,
  outcome: {
    confirmed: "Your address is confirmed: you will be told of answers to your comment.",
    expired: "This link has expired. Ask for notifications again from your comment.",
    used: "This link was already used.",
    forged: "This link is not valid.",
    saved: "Your choices are saved.",
    stopped: "You will receive no more of these mails.",
    off: "This site does not send reply notifications.",
  },
  choose: "Tell me by mail when:",
  kinds: { reply: "someone answers my comment", "staff-reply": "the site's staff answers it", featured: "it is featured" },
  save: "Save",
  stopAll: "Unsubscribe from everything",
};

const fr: NotifyWords = {
  confirmSubject: (site) => `Confirmez vos avis de réponse sur ${site}`,
  confirmText: (site, link) =>
    `Vous avez demandé à ${site} de vous prévenir par courriel quand on répond à votre commentaire.\n\n` +
    `Confirmez votre adresse en suivant ce lien (valable 48${NBSP}heures)${NBSP}:\n${link}\n\n` +
    `Si vous n'avez rien demandé, ignorez ce message${NBSP}: rien ne vous sera envoyé.`,
  subject: (site, story, n) => `${n === 1 ? "Du nouveau" : `${n} nouvelles`} sur votre commentaire, «${NBSP}${story}${NBSP}» (${site})`,
  intro: (story) => `À propos de votre commentaire sur «${NBSP}${story}${NBSP}»${NBSP}:`,
  item: (kind, author) =>
    kind === "featured"
      ? "Votre commentaire a été mis en avant par la rédaction."
      : kind === "staff-reply"
        ? `${author} (la rédaction) a répondu${NBSP}:`
        : `${author} a répondu${NBSP}:`,
  read: "Lire",
  colon: `${NBSP}: `,
  unsubscribe: "Ne plus recevoir ces courriels ou choisir lesquels",
  pageTitle: (site) => `Avis de réponse · ${site}`,
  outcome: {
    confirmed: `Votre adresse est confirmée${NBSP}: vous serez prévenu des réponses à votre commentaire.`,
    expired: "Ce lien a expiré. Redemandez les avis depuis votre commentaire.",
    used: "Ce lien a déjà servi.",
    forged: "Ce lien n'est pas valide.",
    saved: "Vos choix sont enregistrés.",
    stopped: "Vous ne recevrez plus ces courriels.",
    off: "Ce site n'envoie pas d'avis de réponse.",
  },
  choose: `Me prévenir par courriel quand${NBSP}:`,
  kinds: { reply: "on répond à mon commentaire", "staff-reply": "la rédaction y répond", featured: "il est mis en avant" },
  save: "Enregistrer",
  stopAll: "Me désabonner de tout",
};

export const notifyWords: Record<NotifyLocale, NotifyWords> = { fr, en };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A small page for a link's outcome, and, on the unsubscribe page, its form. */
export function linkPage(locale: NotifyLocale, site: string, message: string, form = ""): string {
  const w = notifyWords[locale];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="robots" content="noindex"><title>${escapeHtml(w.pageTitle(site))}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}button{font:inherit;margin:.5rem .5rem 0 0}</style>
</head><body><h1>${escapeHtml(w.pageTitle(site))}</h1><p role="status">${escapeHtml(message)}</p>${form}</body></html>`;
}

/** The unsubscribe page's form: the kinds kept, Save, or stop everything (POSTed to the same link). */
export function unsubscribeForm(locale: NotifyLocale, action: string, on: Record<NotifyKind, boolean>): string {
  const w = notifyWords[locale];
  const box = (k: NotifyKind, name: string) =>
    `<label><input type="checkbox" name="${name}" value="on"${on[k] ? " checked" : ""}> ${escapeHtml(w.kinds[k])}</label><br>`;
  return `<form method="post" action="${escapeHtml(action)}"><fieldset><legend>${escapeHtml(w.choose)}</legend>
${box("reply", "reply")}${box("staff-reply", "staffReply")}${box("featured", "featured")}</fieldset>
<button type="submit" name="action" value="save">${escapeHtml(w.save)}</button><button type="submit" name="action" value="stop">${escapeHtml(w.stopAll)}</button></form>`;
}
