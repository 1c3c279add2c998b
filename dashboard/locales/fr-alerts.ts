// Chaînes françaises des alertes, de la boîte d'envoi et de leurs réglages (issue 9), reprises dans fr.ts.
import type { enAlerts } from "./en-alerts";

// French counts 0 and 1 as singular.
const s = (n: number, one: string, other: string) => `${n} ${n <= 1 ? one : other}`;

export const frAlerts: typeof enAlerts = {
  alertsHeading: "Alertes en cours",
  alertsNone: "Aucune alerte en cours.",
  alertsCount: (n) => s(n, "alerte en cours", "alertes en cours"),
  alertsShow: "Voir",
  alertsSite: (site) => `Alertes en cours — ${site}`,
  alertRules: {
    buzz: "Bad buzz",
    reports: "Nombreux signalements",
    pending: "Commentaires en attente de validation",
    to_answer: "Questions en attente de réponse",
  },
  alertBuzz: (n, factor) =>
    `${s(n, "commentaire", "commentaires")} dans la dernière heure${factor ? `, ${factor}× l'habitude` : ", contre aucun d'habitude"}`,
  alertOnStory: "sur",
  alertReports: (n) => `${s(n, "signalement", "signalements")} dans la dernière heure`,
  alertPending: (n, minutes) => `${s(n, "commentaire attend", "commentaires attendent")} depuis plus de ${minutes} min`,
  alertToAnswer: (n, hours) => `${s(n, "question attend", "questions attendent")} depuis plus de ${hours} h`,
  alertSince: "depuis",
  alertPeak: (n) => `pic : ${n}`,
  alertUntitled: (key) => `Article ${key}`,
  acknowledge: "Prendre en compte",
  acknowledgeLabel: (what) => `Prendre en compte : ${what}`,
  acknowledged: (what) => `Alerte prise en compte : ${what}`,
  acknowledgedBy: (name) => `Prise en compte par ${name}`,
  acknowledgedHeading: "Prises en compte, toujours en cours",
  auditIncident: (id, rule) => (rule ? `Alerte n° ${id} : ${rule}` : `Alerte n° ${id}`),
  acknowledgedFolded: (n) =>
    n <= 1 ? `${n} alerte prise en compte, toujours en cours` : `${n} alertes prises en compte, toujours en cours`,
  alertsBadge: (n) => s(n, "alerte", "alertes"),
  auditDelivery: (id, topic) => (topic ? `Envoi n° ${id} : ${topic}` : `Envoi n° ${id}`),
  auditIncidentState: { open: "elle était toujours en cours", resolved: "elle était déjà terminée" },
  alertsLoadFailed: "Les alertes n'ont pas pu être chargées.",

  navOutbox: "Envois",
  outboxHeading: (site) => `Envois — ${site}`,
  outboxIntro:
    "Chaque courriel et webhook que Palabre envoie pour ce site, du plus récent au plus ancien. En développement local, rien ne part : c'est la boîte aux lettres.",
  outboxFilters: "Filtres",
  outboxKind: "Type",
  outboxKinds: { "": "Tous", mail: "Courriels", webhook: "Webhooks" },
  outboxKindOne: { mail: "Courriel", webhook: "Webhook" },
  outboxStatus: "État",
  outboxStatuses: { "": "Tous", sent: "Envoyés", queued: "En file", retrying: "Nouvel essai prévu", failed: "Échoués" },
  outboxEmpty: "Rien pour l'instant.",
  outboxTo: "À",
  outboxTopic: "Motif",
  outboxTopics: {
    alert: "Alerte",
    "alert-resolved": "Alerte terminée",
    confirm: "Confirmation",
    reply: "Réponse",
    "staff-reply": "Réponse de l'équipe",
    featured: "Mise en avant",
    erasure: "Confirmation d'effacement", // effacement demandé par un lecteur (RGPD)
    invitation: "Invitation dans l’équipe", // équipe d’un site (issue 12)
  },
  outboxAttempts: (n) => s(n, "essai", "essais"),
  outboxNextTry: "prochain essai",
  outboxSentAt: "envoyé",
  outboxBody: "Afficher le contenu",
  outboxRetry: "Réessayer",
  outboxRetried: "Envoi remis en file",
  outboxLoadFailed: "Les envois n'ont pas pu être chargés.",
  outboxFailedBadge: (n) => s(n, "échec", "échecs"),
  outboxFailedRest: () => "d'envoi",
  outboxStatusLabel: { sent: "Envoyé", queued: "En file", retrying: "Nouvel essai prévu", failed: "Échoué" },

  alertsSection: "Alertes et notifications",
  alertsSectionHelp: "Vérifiées toutes les 5 minutes. 0 désactive une règle.",
  alertNumbers: {
    alertBuzzFactor: [
      "Bad buzz : fois le rythme habituel",
      "Les commentaires d'un article dans la dernière heure, comparés à sa moyenne horaire des 7 derniers jours. 0 = désactivée.",
    ],
    alertBuzzFloor: [
      "Bad buzz : au moins ce nombre de commentaires en une heure",
      "Pour que le troisième commentaire d'un article calme ne soit pas un bad buzz.",
    ],
    alertReportsPerHour: ["Signalements en une heure", "Les signalements sur tout le site dans la dernière heure. 0 = désactivée."],
    alertPendingMinutes: ["Commentaire en attente de validation (minutes)", "0 = désactivée."],
    alertToAnswerHours: ["Question en attente de réponse (heures)", "0 = désactivée."],
  },
  webhookUrlLabel: "Adresse du webhook",
  webhookUrlHelp:
    "Les alertes y sont envoyées (POST) en JSON lisible par Slack et Discord (text et content), signé avec le secret ci-dessous. En https (http seulement sur localhost en développement). Vide : aucun webhook.",
  webhookUrlInvalid: "Saisissez une adresse https (http seulement pour localhost), ou laissez vide.",
  webhookSecretLabel: "Secret du webhook",
  webhookSecretHelp:
    "Signe chaque envoi (X-Palabre-Signature : sha256=HMAC de timestamp.body). Il n'est plus jamais affiché une fois enregistré.",
  webhookSecretNewHelp: (min, max) => `De ${min} à ${max} caractères. Enregistré avec le formulaire, puis plus jamais affiché.`,
  webhookSecretLength: (min, max) => `Le secret doit compter de ${min} à ${max} caractères.`,
  webhookSecretRemove: "Supprimer",
  webhookSecretRemoving: "Le secret sera supprimé à l'enregistrement.",
  webhookOnResolveLabel: "Prévenir aussi le webhook quand une alerte se termine d'elle-même",
  alertMailLabel: "M'envoyer les alertes de ce site par courriel",
  alertMailHelp: (email) => `À ${email}. Enregistré aussitôt, pour vous seul : chaque membre de l'équipe choisit.`,
  alertMailOn: "Vous recevrez les alertes de ce site par courriel",
  alertMailOff: "Vous ne recevrez plus les alertes de ce site par courriel",
  replyNotificationsLabel: "Les lecteurs peuvent être avertis des réponses par courriel",
  replyNotificationsHelp:
    "Le formulaire propose « M'avertir des réponses » : une adresse confirmée, au plus un courriel par fil et par heure, désinscription en un clic.",
};
