// What notifiers of illegal content are told by mail (the receipt, then the decision) and the facts
// a notice's statement of reasons records, in fr and en (the site's defaultLocale). The grounds'
// names are those of statements (locales/dsa.ts). French follows French typography: no-break
// spaces before : ; ! ? and inside « ».

import { escapeHtml } from "./notifications";

export type NoticeLocale = "fr" | "en";

const NBSP = "\u00a0";

export interface NoticeWords {
  receiptSubject: (site: string, reference: string) => string;
  receiptText: (m: { site: string; reference: string; ground: string; excerpt: string; page: string | null }) => string;
  decisionSubject: (site: string, reference: string) => string;
  decisionText: (m: {
    site: string;
    reference: string;
    removed: boolean;
    ground: string;
    explanation: string | null;
    excerpt: string;
  }) => string;
  /** the statement's facts: what the author reads of why their comment was removed */
  facts: (reference: string, receivedOn: string) => string;
  date: (ms: number) => string;
}

const quoteEn = (s: string) => `“${s}”`;
const quoteFr = (s: string) => `«${NBSP}${s}${NBSP}»`;

const en: NoticeWords = {
  receiptSubject: (site, reference) => `Your notice ${reference} (${site})`,
  receiptText: (m) =>
    `${m.site} received your notice of illegal content.\n\n` +
    `Reference: ${m.reference}\nGround: ${m.ground}\nComment: ${quoteEn(m.excerpt)}\n${m.page ? `Page: ${m.page}\n` : ""}\n` +
    `A moderator will review it and we will tell you the decision at this address. Quote the reference if you write to us about it.\n\n` +
    `You receive this mail because this address was given with the notice.`,
  decisionSubject: (site, reference) => `Decision on your notice ${reference} (${site})`,
  decisionText: (m) =>
    `About your notice ${m.reference} on ${m.site}, concerning the comment ${quoteEn(m.excerpt)}:\n\n` +
    (m.removed
      ? `After review, the comment has been removed. Ground: ${m.ground}.`
      : `After review, the comment stays online: a moderator did not find it illegal or contrary to the site's charter.`) +
    (m.explanation ? `\n\nThe moderator's words: ${m.explanation}` : "") +
    `\n\nThis decision was taken by a person, not by automated means. If you disagree, you may refer the matter to the competent authorities or a court.`,
  facts: (reference, receivedOn) =>
    `A notice of illegal content (reference ${reference}) received on ${receivedOn} named this comment; a moderator reviewed it and removed the comment.`,
  date: (ms) => new Date(ms).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};

const fr: NoticeWords = {
  receiptSubject: (site, reference) => `Votre signalement ${reference} (${site})`,
  receiptText: (m) =>
    `${m.site} a bien reçu votre signalement de contenu illicite.\n\n` +
    `Référence${NBSP}: ${m.reference}\nMotif${NBSP}: ${m.ground}\nCommentaire${NBSP}: ${quoteFr(m.excerpt)}\n${m.page ? `Page${NBSP}: ${m.page}\n` : ""}\n` +
    `Un modérateur va l'examiner et nous vous ferons connaître la décision à cette adresse. Rappelez la référence si vous nous écrivez à ce sujet.\n\n` +
    `Vous recevez ce courriel parce que cette adresse a été donnée avec le signalement.`,
  decisionSubject: (site, reference) => `Décision sur votre signalement ${reference} (${site})`,
  decisionText: (m) =>
    `À propos de votre signalement ${m.reference} sur ${m.site}, concernant le commentaire ${quoteFr(m.excerpt)}${NBSP}:\n\n` +
    (m.removed
      ? `Après examen, le commentaire a été retiré. Motif${NBSP}: ${m.ground}.`
      : `Après examen, le commentaire reste en ligne${NBSP}: un modérateur ne l'a jugé ni illicite ni contraire à la charte du site.`) +
    (m.explanation ? `\n\nPrécisions du modérateur${NBSP}: ${m.explanation}` : "") +
    `\n\nCette décision a été prise par une personne, non par un procédé automatisé. Si vous la contestez, vous pouvez saisir les autorités compétentes ou la justice.`,
  facts: (reference, receivedOn) =>
    `Un signalement de contenu illicite (référence ${reference}) reçu le ${receivedOn} visait ce commentaire${NBSP}; un modérateur l'a examiné et a retiré le commentaire.`,
  date: (ms) => new Date(ms).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};

export const noticeWords: Record<NoticeLocale, NoticeWords> = { fr, en };

const EXCERPT_MAX = 280;

/** A comment's text on one line, cut for a mail. */
export function excerpt(body: string): string {
  const chars = Array.from(body.replace(/\s+/g, " ").trim());
  return chars.length > EXCERPT_MAX ? `${chars.slice(0, EXCERPT_MAX - 1).join("")}…` : chars.join("");
}

/** A mail's text and its HTML part made from it: a paragraph per block, escaped, nothing added. */
export function withHtml(text: string): { text: string; html: string } {
  const html = text
    .split("\n\n")
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
  return { text, html };
}
