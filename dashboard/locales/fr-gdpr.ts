// Chaînes françaises des données d'une personne (issue 12, RGPD art. 15, 17, 20) dans la vue d'une
// personne, et de l'export d'un site dans ses réglages.
import type { GdprStrings } from "./en-gdpr";

// French counts 0 and 1 as singular.
const s = (n: number, one: string, other: string) => `${n} ${n <= 1 ? one : other}`;

export const frGdpr: GdprStrings = {
  personExportData: "Exporter les données",
  personExportDataHint: (name) => `Tout ce que Palabre détient sur ${name}, en fichier JSON`,
  personErase: "Effacer cette personne",
  erasedPerson: "Personne effacée",
  erasedOn: (date) => `effacée le ${date}`,
  personErasedText: "Effacé avec les données de son auteur.",
  erasedStanding: "Effacée : cette identité ne peut plus commenter.",
  erasedHelp:
    "Les données de cette personne ont été effacées (RGPD, art. 17). Ses commentaires auxquels d'autres ont répondu restent comme emplacements « supprimé ».",
  eraseTitle: (name) => (name ? `Effacer ${name} ?` : "Effacer cette personne ?"),
  eraseWhat:
    "Son nom, son e-mail, son avatar et son lien de connexion, le texte de tous ses commentaires, ses modifications, ses « j'aime », ses adresses de notification et ses traces réseau sont effacés. Les commentaires auxquels d'autres ont répondu restent comme emplacements « supprimé ». Ses signalements restent comptés, anonymes. C'est définitif.",
  eraseExportFirst: "Pour lui remettre ses données, exportez-les d'abord.",
  eraseTypeName: (name) => `Pour confirmer, tapez son nom : ${name}`,
  eraseTypeWord: (word) => `Pour confirmer, tapez ${word}`,
  eraseWord: "EFFACER",
  eraseConfirm: "Effacer définitivement",
  erasing: "Effacement…",
  erasedDone: (c) =>
    `Effacé : ${s(c.removed, "commentaire retiré", "commentaires retirés")}, ${s(c.placeholders, "gardé comme emplacement", "gardés comme emplacements")}`,
  eraseStaffRefused: "C'est l'identité de réponse d'un membre de l'équipe.",

  dataSection: "Données",
  dataHelp:
    "Tous les articles, commentateurs et commentaires du site, avec leurs statuts et leurs dates (dans le JSON, aussi l'e-mail et l'avatar que votre site a donnés de ses lecteurs connectés) : aucun secret, aucune trace réseau, aucun compte de l'équipe. Le fichier JSON est le format de Palabre, que l'import relit ; le CSV a une ligne par commentaire.",
  dataReimport: "Importer le fichier JSON dans un site :",
  exportJson: "Exporter les commentaires (JSON)",
  exportCsv: "Exporter les commentaires (CSV)",
};
