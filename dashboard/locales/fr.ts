// Chaînes françaises du tableau de bord de l'équipe.
import type { DashboardStrings } from "./en";

export const fr: DashboardStrings = {
  appName: "Palabre",
  staffArea: "Espace équipe",
  intro:
    "C'est ici que les community managers et la rédaction de vos sites modéreront les commentaires, répondront aux lecteurs et choisiront la sélection de la rédaction.",
  comingTitle: "Ce qui est là aujourd'hui",
  comingBody:
    "Le côté lecteur fonctionne : les pages de démonstration ci-dessous intègrent le widget de commentaires. La connexion de l'équipe, les files de modération et la mise en avant arrivent avec la version modération.",
  demosTitle: "Pages de démonstration",
  demoJournal: "Le Quotidien — un article de presse",
  demoBand: "The Velvet Owls — la page d'actualités d'un groupe",
  language: "Langue",
};
