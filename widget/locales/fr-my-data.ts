// Chaînes françaises du panneau des données du lecteur (export, effacement), dans le chunk my-data.
import type { MyDataMessages } from "./messages";

export const frMyData: MyDataMessages = {
  download: "Télécharger mes données",
  saved: (file) => `Vos données sont enregistrées : ${file}`,
  erase: "Effacer mes données",
  ask: "Effacer vos données de ce site ?",
  what: "Votre nom, votre e-mail et votre lien de connexion, le texte de tous vos commentaires et de leurs modifications, vos « j’aime », vos adresses de notification et vos traces réseau sont effacés, et ce navigateur vous oublie. Les commentaires auxquels d’autres ont répondu restent sous la mention « Commentaire supprimé » ; vos signalements restent comptés, anonymes. Si nous connaissons votre e-mail, nous vous envoyons d’abord un lien de confirmation. C’est définitif.",
  yes: "Oui, effacer",
  erased: "Vos données sont effacées.",
  checkMail: (to) => `Consultez votre messagerie (${to}) : l’effacement attend votre confirmation.`,
  none: "Ce site ne détient encore aucune donnée vous concernant.",
};
