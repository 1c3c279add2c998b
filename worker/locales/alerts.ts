// What the alerts say (webhook text, staff mails), in the site's default language. French follows
// French typography: no-break spaces before : ; ! ? and inside « ».
import type { IncidentView } from "../schemas/alert-views";

export type AlertLocale = "fr" | "en";

const NBSP = "\u00a0";

interface Words {
  opened: (i: IncidentView, site: string) => string;
  resolved: (i: IncidentView, site: string) => string;
  figures: (i: IncidentView) => string[];
  open: string;
  why: (site: string) => string;
}

const storyName = (i: IncidentView) => i.story?.title || i.story?.key || "?";
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** how many times the usual rate, as staff read it: 12×, 2.5× */
const times = (last: number, avg: number) => {
  const x = last / avg;
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
};

const en: Words = {
  opened(i, site) {
    const f = i.figures;
    switch (i.rule) {
      case "buzz": {
        const usual = f.hourlyAverage ? `${times(f.lastHour ?? 0, f.hourlyAverage)}× usual` : "usually none";
        return `🔥 Bad buzz on « ${storyName(i)} » (${site}): ${plural(f.lastHour ?? 0, "comment", "comments")} in the last hour (${usual})`;
      }
      case "reports":
        return `🚩 ${plural(f.lastHour ?? 0, "report", "reports")} in the last hour on ${site} (alert from ${f.threshold})`;
      case "pending":
        return `⏳ ${plural(f.waiting ?? 0, "comment", "comments")} held for review for more than ${plural(f.limitMinutes ?? 0, "minute", "minutes")} on ${site}`;
      case "to_answer":
        return `💬 ${plural(f.waiting ?? 0, "question waits", "questions wait")} for an answer for more than ${plural(f.limitHours ?? 0, "hour", "hours")} on ${site}`;
    }
  },
  resolved(i, site) {
    const what = {
      buzz: `the bad buzz on « ${storyName(i)} »`,
      reports: "the reports",
      pending: "the comments held for review",
      to_answer: "the questions waiting for an answer",
    }[i.rule];
    return `✅ Back to normal on ${site}: ${what} (peak: ${i.figures.peak})`;
  },
  figures(i) {
    const f = i.figures;
    const lines: string[] = [];
    if (f.lastHour !== undefined) lines.push(`Last hour: ${f.lastHour}`);
    if (f.hourlyAverage !== undefined) lines.push(`Usual hourly average (7 days): ${f.hourlyAverage}`);
    if (f.factor !== undefined) lines.push(`Alert at ${f.factor}× the average and at least ${f.floor}`);
    if (f.threshold !== undefined) lines.push(`Alert from ${f.threshold} reports an hour`);
    if (f.waiting !== undefined) lines.push(`Waiting: ${f.waiting}`);
    if (f.oldestAt) lines.push(`Oldest since: ${f.oldestAt}`);
    if (i.story?.url) lines.push(`Story: ${i.story.url}`);
    return lines;
  },
  open: "Open the dashboard",
  why: (site) => `You get this mail because you asked for the alerts of ${site}. Turn them off in the dashboard, on the site's alerts.`,
};

const fr: Words = {
  opened(i, site) {
    const f = i.figures;
    switch (i.rule) {
      case "buzz": {
        const usual = f.hourlyAverage
          ? `${times(f.lastHour ?? 0, f.hourlyAverage).replace(".", ",")}${NBSP}× la normale`
          : `d’habitude aucun`;
        return `🔥 Bad buzz sur «${NBSP}${storyName(i)}${NBSP}» (${site})${NBSP}: ${plural(f.lastHour ?? 0, "commentaire", "commentaires")} dans la dernière heure (${usual})`;
      }
      case "reports":
        return `🚩 ${plural(f.lastHour ?? 0, "signalement", "signalements")} dans la dernière heure sur ${site} (alerte à partir de ${f.threshold})`;
      case "pending":
        return `⏳ ${plural(f.waiting ?? 0, "commentaire attend", "commentaires attendent")} la modération depuis plus de ${plural(f.limitMinutes ?? 0, "minute", "minutes")} sur ${site}`;
      case "to_answer":
        return `💬 ${plural(f.waiting ?? 0, "question attend", "questions attendent")} une réponse depuis plus de ${plural(f.limitHours ?? 0, "heure", "heures")} sur ${site}`;
    }
  },
  resolved(i, site) {
    const what = {
      buzz: `le bad buzz sur «${NBSP}${storyName(i)}${NBSP}»`,
      reports: "les signalements",
      pending: "les commentaires en attente de modération",
      to_answer: "les questions en attente de réponse",
    }[i.rule];
    return `✅ Retour à la normale sur ${site}${NBSP}: ${what} (pic${NBSP}: ${i.figures.peak})`;
  },
  figures(i) {
    const f = i.figures;
    const lines: string[] = [];
    if (f.lastHour !== undefined) lines.push(`Dernière heure${NBSP}: ${f.lastHour}`);
    if (f.hourlyAverage !== undefined)
      lines.push(`Moyenne horaire habituelle (7${NBSP}jours)${NBSP}: ${String(f.hourlyAverage).replace(".", ",")}`);
    if (f.factor !== undefined) lines.push(`Alerte à ${f.factor}${NBSP}× la moyenne et au moins ${f.floor}`);
    if (f.threshold !== undefined) lines.push(`Alerte à partir de ${f.threshold} signalements par heure`);
    if (f.waiting !== undefined) lines.push(`En attente${NBSP}: ${f.waiting}`);
    if (f.oldestAt) lines.push(`Le plus ancien depuis${NBSP}: ${f.oldestAt}`);
    if (i.story?.url) lines.push(`Article${NBSP}: ${i.story.url}`);
    return lines;
  },
  open: "Ouvrir le tableau de bord",
  why: (site) =>
    `Vous recevez ce courriel parce que vous avez demandé les alertes de ${site}. Désactivez-les dans le tableau de bord, dans les alertes du site.`,
};

const WORDS: Record<AlertLocale, Words> = { fr, en };

export function incidentText(locale: AlertLocale, event: "opened" | "resolved", i: IncidentView, siteName: string): string {
  return WORDS[locale][event](i, siteName);
}

/** The staff mail of an incident's opening: subject and plain text. */
export function incidentMail(
  locale: AlertLocale,
  i: IncidentView,
  siteName: string,
  dashboardUrl: string,
): { subject: string; text: string } {
  const w = WORDS[locale];
  const headline = w.opened(i, siteName);
  return {
    subject: `[${siteName}] ${headline}`,
    text: [
      headline,
      "",
      ...w.figures(i),
      "",
      `${w.open}${locale === "fr" ? NBSP : ""}: ${dashboardUrl}`,
      "",
      "-- ",
      w.why(siteName),
      "",
    ].join("\n"),
  };
}
