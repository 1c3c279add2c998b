// The words of statements of reasons (DSA Art. 17) and of the mails that tell an author about a
// decision on their comment or its appeal, in French and English: the site's defaultLocale when
// the decision is taken (a statement is worded once; it must not change afterwards). As in
// reasons.ts, the words a site watches are never named.
import { clauseNumber, isLegalGround, type LegalGround } from "../../common/dsa/grounds";
import type { RejectReason } from "../schemas/admin-views";
import type { StatementDecision } from "../schemas/dsa-views";
import type { ReasonCode } from "../schemas/views";
import type { ApiLocale } from "./reasons";

const NBSP = "\u00a0";

/** What an automated hold or rejection of the pipeline says of itself (the facts). */
type RuleFact = Exclude<ReasonCode, "moderator" | "reported"> | "featured_edit";

export interface DsaWords {
  legalGround: Record<LegalGround, string>;
  charter: string;
  clause: (n: number, text: string) => string;
  rule: Record<RuleFact, string>;
  rejectReason: Record<RejectReason, string>;
  moderator: (reason: RejectReason | null) => string;
  reported: string;
  restored: string;
  decision: Record<StatementDecision, string>;
  colon: string;
  subject: (site: string, decision: StatementDecision) => string;
  mailIntro: (site: string, decision: StatementDecision) => string;
  yourComment: string;
  facts: string;
  ground: string;
  explanation: string;
  automated: (detection: boolean, decision: boolean) => string;
  contest: (until: string) => string;
  appealSubject: (site: string, reversed: boolean) => string;
  appealText: (site: string, reversed: boolean) => string;
  date: (ms: number) => string;
}

const en: DsaWords = {
  legalGround: {
    hate_speech: "Illegal hate speech",
    defamation: "Defamation",
    harassment: "Harassment or threats",
    privacy: "Breach of privacy or personal data",
    copyright: "Copyright infringement",
    illegal_advertising: "Illegal advertising",
    terrorism: "Terrorist content",
    child_safety: "Child sexual abuse or endangerment of minors",
    other_illegal: "Other illegal content",
  },
  charter: "The site's charter",
  clause: (n, text) => `The site's charter, clause ${n}: ${text}`,
  rule: {
    banned_words: "Your comment contains words the site's charter does not allow; you sent it anyway, so it was not published.",
    suspect_words: "Your comment contains words the site reads before publishing: it is held until a moderator reviews it.",
    links: "Your comment contains links that the site reads before publishing: it is held until a moderator reviews it.",
    new_commenter: "The site reads the first comments of new authors before publishing them: yours is held until a moderator reviews it.",
    premoderation: "The site reads every comment on this discussion before publishing it: yours is held until a moderator reviews it.",
    featured_edit:
      "You edited your comment after the editors featured it: it left the selection and is held until a moderator reviews the new text.",
    scoring:
      "An automatic scorer the site uses rated your comment likely to break its charter, or could not be reached: it is held until a moderator reviews it.",
  },
  rejectReason: { spam: "spam", abuse: "abuse", off_topic: "off topic", charter: "against the charter", other: "other" },
  moderator: (reason) => `A moderator reviewed your comment and removed it${reason ? ` (reason given: ${en.rejectReason[reason]})` : ""}.`,
  reported: "Readers reported your comment enough times for it to be hidden until a moderator reviews it.",
  restored: "Your appeal was upheld: your comment is published again.",
  decision: { removed: "removed", held: "held for review", restricted: "hidden pending review", restored: "restored" },
  colon: ": ",
  subject: (site, decision) => `Your comment on ${site} was ${en.decision[decision]}`,
  mailIntro: (site, decision) => `Your comment on ${site} was ${en.decision[decision]}.`,
  yourComment: "Your comment",
  facts: "Why",
  ground: "Ground",
  explanation: "The moderator's words",
  automated: (detection, decision) =>
    decision
      ? detection
        ? "This decision was taken by automated means, on content they detected."
        : "This decision was taken by an automated rule of the site."
      : detection
        ? "A moderator took this decision on content detected by automated means."
        : "A moderator took this decision.",
  contest: (until) => `You may contest this decision until ${until}, from your comment on the site (“Contest”).`,
  appealSubject: (site, reversed) => `Your appeal on ${site}: ${reversed ? "your comment is restored" : "the decision stands"}`,
  appealText: (site, reversed) =>
    reversed
      ? `A moderator reviewed your appeal on ${site} and reversed the decision: your comment is published again.`
      : `A moderator reviewed your appeal on ${site} and kept the decision on your comment.`,
  date: (ms) => new Date(ms).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};

const fr: DsaWords = {
  legalGround: {
    hate_speech: "Discours de haine illicite",
    defamation: "Diffamation",
    harassment: "Harcèlement ou menaces",
    privacy: "Atteinte à la vie privée ou aux données personnelles",
    copyright: "Atteinte au droit d'auteur",
    illegal_advertising: "Publicité illicite",
    terrorism: "Contenu à caractère terroriste",
    child_safety: "Pédocriminalité ou mise en danger de mineurs",
    other_illegal: "Autre contenu illicite",
  },
  charter: "La charte du site",
  clause: (n, text) => `La charte du site, article ${n}${NBSP}: ${text}`,
  rule: {
    banned_words: `Votre commentaire contient des mots contraires à la charte du site${NBSP}; vous l'avez envoyé malgré tout, il n'a donc pas été publié.`,
    suspect_words: `Votre commentaire contient des mots que le site relit avant publication${NBSP}: il attend l'avis de la modération.`,
    links: `Votre commentaire contient des liens que le site relit avant publication${NBSP}: il attend l'avis de la modération.`,
    new_commenter: `Le site relit les premiers commentaires des nouveaux auteurs avant publication${NBSP}: le vôtre attend l'avis de la modération.`,
    premoderation: `Le site relit tous les commentaires de cette discussion avant publication${NBSP}: le vôtre attend l'avis de la modération.`,
    featured_edit: `Vous avez modifié votre commentaire après sa mise en avant par la rédaction${NBSP}: il a quitté la sélection et attend que la modération relise le nouveau texte.`,
    scoring: `Un outil d'évaluation automatique utilisé par le site a jugé que votre commentaire risquait d'enfreindre sa charte, ou n'a pas pu être joint${NBSP}: il attend l'avis de la modération.`,
  },
  rejectReason: { spam: "spam", abuse: "abus", off_topic: "hors sujet", charter: "contraire à la charte", other: "autre" },
  moderator: (reason) =>
    `La modération a relu votre commentaire et l'a retiré${reason ? ` (motif indiqué${NBSP}: ${fr.rejectReason[reason]})` : ""}.`,
  reported: "Des lecteurs ont signalé votre commentaire assez de fois pour qu'il soit masqué jusqu'à l'avis de la modération.",
  restored: `Votre contestation a été acceptée${NBSP}: votre commentaire est de nouveau publié.`,
  decision: {
    removed: "retiré",
    held: "mis en attente de relecture",
    restricted: "masqué en attendant la modération",
    restored: "rétabli",
  },
  colon: `${NBSP}: `,
  subject: (site, decision) => `Votre commentaire sur ${site} a été ${fr.decision[decision]}`,
  mailIntro: (site, decision) => `Votre commentaire sur ${site} a été ${fr.decision[decision]}.`,
  yourComment: "Votre commentaire",
  facts: "Pourquoi",
  ground: "Motif",
  explanation: "Les mots de la modération",
  automated: (detection, decision) =>
    decision
      ? detection
        ? "Cette décision a été prise par des moyens automatisés, sur un contenu qu'ils ont détecté."
        : "Cette décision a été prise par une règle automatique du site."
      : detection
        ? "La modération a pris cette décision sur un contenu détecté par des moyens automatisés."
        : "La modération a pris cette décision.",
  contest: (until) => `Vous pouvez contester cette décision jusqu'au ${until}, depuis votre commentaire sur le site (« Contester »).`,
  appealSubject: (site, reversed) =>
    `Votre contestation sur ${site}${NBSP}: ${reversed ? "votre commentaire est rétabli" : "la décision est maintenue"}`,
  appealText: (site, reversed) =>
    reversed
      ? `La modération a examiné votre contestation sur ${site} et annulé la décision${NBSP}: votre commentaire est de nouveau publié.`
      : `La modération a examiné votre contestation sur ${site} et maintenu la décision sur votre commentaire.`,
  date: (ms) => new Date(ms).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};

export const dsaWords: Record<ApiLocale, DsaWords> = { fr, en };

/**
 * The ground as worded now, for a statement taken now: a legal ground's name, the charter, or a
 * clause of the site's charterClauses with its text; null when the clause does not exist (the
 * caller refuses the decision) or the ground is unknown.
 */
export function groundLabel(
  ground: string,
  locale: ApiLocale,
  clauses: readonly string[],
): { kind: "illegal" | "terms"; label: string } | null {
  const w = dsaWords[locale];
  if (isLegalGround(ground)) return { kind: "illegal", label: w.legalGround[ground] };
  if (ground === "charter") return { kind: "terms", label: w.charter };
  const n = clauseNumber(ground);
  if (n !== null && n <= clauses.length) return { kind: "terms", label: w.clause(n, clauses[n - 1]!) };
  return null;
}
