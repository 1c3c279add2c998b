// Chaînes françaises du widget de lecture.
import type { Messages } from "./messages";

// No runtime import: this chunk is on the first comment's path, and a helper shared with the other
// locales would be one more request after it.
const rules = new Intl.PluralRules("fr");
const p = (n: number, one: string, other: string) => (rules.select(n) === "one" ? one : other);

// The words of Intl.RelativeTimeFormat("fr", { numeric: "auto" }), without its cost at start.
const units = {
  year: ["an", "ans"],
  month: ["mois", "mois"],
  week: ["semaine", "semaines"],
  day: ["jour", "jours"],
  hour: ["heure", "heures"],
  minute: ["minute", "minutes"],
  second: ["seconde", "secondes"],
};
const named: Record<string, string> = {
  "-1year": "l’année dernière",
  "-1month": "le mois dernier",
  "-1week": "la semaine dernière",
  "-1day": "hier",
  "-2day": "avant-hier",
};

export const fr: Messages = {
  lang: "fr",
  ago: (n, unit) => (n === 0 ? "maintenant" : (named[`${n}${unit}`] ?? `il y a ${-n}\u00a0${p(-n, ...(units[unit] as [string, string]))}`)),
  heading: (n) => (n === undefined ? "Commentaires" : `Commentaires (${n})`),
  commentCount: (n) => p(n, `${n} commentaire`, `${n} commentaires`),
  loading: "Chargement des commentaires…",
  empty: "Soyez le premier à réagir",
  closed: "Les commentaires sont fermés pour cet article.",
  retry: "Réessayer",
  sortLabel: "Trier par :",
  sortNewest: "les plus récents",
  sortOldest: "les plus anciens",
  reply: "Répondre",
  replyTo: (name) => `Répondre à ${name}`,
  inReplyTo: (name) => `en réponse à ${name}`,
  moreReplies: (n) => p(n, `Voir ${n} autre réponse`, `Voir les ${n} autres réponses`),
  loadMore: "Charger plus de commentaires",
  missingSite: "Cet espace de commentaires n’est pas configuré (l’attribut site manque).",
  awaiting: "En attente de modération",
  notPublished: "Non publié",
  held: "Votre commentaire sera publié après relecture par la modération.",
  picks: "La sélection de la rédaction",
  pickMark: "Sélection de la rédaction",
  editorNote: "Le mot de la rédaction :",
  seeInThread: "Voir dans la discussion",
  staff: (site) => `${site} · Équipe`,
  report: "Signaler",
  reportLabel: (name) => `Signaler le commentaire de ${name}`,
  picksLoading: "Chargement de la sélection…",
  picksEmpty: "La rédaction n’a encore rien sélectionné.",
  storyFallback: "Lire la discussion",
  edit: "Modifier",
  editLeft: (left) => `encore ${left}`,
  edited: "modifié",
  del: "Supprimer",
  deleted: "Commentaire supprimé",
  like: "J'apprécie",
  likes: (n) => p(n, `${n} mention J'apprécie`, `${n} mentions J'apprécie`),
  sortTop: "les plus appréciés",
  signIn: "Se connecter pour commenter",
  joinDiscussion: "Rejoindre la discussion…",
  emptyHint: "Aucun commentaire pour l’instant : donnez votre avis, les autres lecteurs suivront.",
  loadFailed: "Les commentaires n’ont pas pu être affichés.",
  signedInAs: (name) => `Connecté en tant que ${name}`,
  offline: "Le serveur des commentaires est injoignable. Vérifiez votre connexion, puis réessayez.",
};
