// The words of a reader's own erasure: the confirmation mail and the pages behind its link, fr and en.
import type { ApiLocale } from "../locales/reasons";

export interface ErasureWords {
  subject: (site: string) => string;
  text: (site: string, link: string, hours: number) => string;
  ask: string;
  confirm: string;
  done: string;
  gone: string;
}

export const erasureWords: Record<ApiLocale, ErasureWords> = {
  en: {
    subject: (site) => `Confirm the erasure of your comments on ${site}`,
    text: (site, link, hours) =>
      `Someone (probably you) asked to erase your data on ${site}: your name and your comments' text, your likes, ` +
      `your reply notifications and this address.\n\nTo confirm, open this link within ${hours} hours and press the button:\n${link}\n\n` +
      `If you did not ask for it, ignore this mail: nothing will be erased.`,
    ask: "Erase your name, your comments' text, your likes and your notification addresses on this site? This cannot be undone.",
    confirm: "Erase my data",
    done: "Your data on this site is erased. Comments that others answered remain as “deleted” placeholders, without your name or text.",
    gone: "This link has expired or was already used. Ask again from the comments if needed.",
  },
  fr: {
    subject: (site) => `Confirmez l’effacement de vos commentaires sur ${site}`,
    text: (site, link, hours) =>
      `Quelqu’un (sans doute vous) a demandé l’effacement de vos données sur ${site} : votre nom et le texte de vos commentaires, ` +
      `vos « j’aime », vos notifications de réponse et cette adresse.\n\nPour confirmer, ouvrez ce lien dans les ${hours} heures et appuyez sur le bouton :\n${link}\n\n` +
      `Si vous n’avez rien demandé, ignorez ce message : rien ne sera effacé.`,
    ask: "Effacer votre nom, le texte de vos commentaires, vos « j’aime » et vos adresses de notification sur ce site ? C’est définitif.",
    confirm: "Effacer mes données",
    done: "Vos données sur ce site sont effacées. Les commentaires auxquels d’autres ont répondu restent comme emplacements « supprimé », sans votre nom ni votre texte.",
    gone: "Ce lien a expiré ou a déjà servi. Refaites la demande depuis les commentaires si besoin.",
  },
};
