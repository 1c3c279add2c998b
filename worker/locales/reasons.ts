// What the author of a held or rejected comment is told, per reason, in French and English. The
// words a site watches are never named: naming them would teach how to get around them.
import type { ReasonCode } from "../schemas/views";

export type ApiLocale = "fr" | "en";

const fr: Record<ReasonCode, string> = {
  banned_words: "Votre commentaire contient des mots contraires à la charte du site : il ne sera pas publié.",
  suspect_words: "Votre commentaire sera publié après relecture par la modération.",
  links: "Les commentaires avec des liens sont relus par la modération avant publication.",
  new_commenter: "Vos premiers commentaires sont relus par la modération avant publication.",
  premoderation: "Les commentaires sont relus par la modération avant publication.",
  reported: "Ce commentaire a été signalé et attend l'avis de la modération.",
  scoring: "Votre commentaire sera publié après relecture par la modération.",
  moderator: "La modération a refusé ce commentaire.",
};

const en: Record<ReasonCode, string> = {
  banned_words: "Your comment contains words the site's charter does not allow: it will not be published.",
  suspect_words: "Your comment will be published once a moderator has read it.",
  links: "Comments with links are read by a moderator before they are published.",
  new_commenter: "Your first comments are read by a moderator before they are published.",
  premoderation: "Comments are read by a moderator before they are published.",
  reported: "This comment was reported and awaits a moderator's decision.",
  scoring: "Your comment will be published once a moderator has read it.",
  moderator: "A moderator declined this comment.",
};

const messages: Record<ApiLocale, Record<ReasonCode, string>> = { fr, en };

export function reasonMessage(code: ReasonCode, locale: ApiLocale): string {
  return messages[locale][code];
}

/** The reader's language from Accept-Language (fr or en), else the site's default. */
export function requestLocale(acceptLanguage: string | undefined, fallback: ApiLocale): ApiLocale {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]!.trim().toLowerCase();
    if (tag.startsWith("fr")) return "fr";
    if (tag.startsWith("en")) return "en";
  }
  return fallback;
}
