// GET /: a small page that says what this server is and links the two demos and the dashboard, in
// French or English (Accept-Language, or ?lang=fr|en from the page's own switch). No script, no
// external file: it is served under the dashboard's CSP (lib/security-headers.ts), which allows
// the inline stylesheet and nothing inline that runs.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { requestLocale, type ApiLocale } from "../locales/reasons";

const TEXT: Record<ApiLocale, { title: string; intro: string; links: [string, string, string][]; other: string }> = {
  fr: {
    title: "Palabre",
    intro: "Commentaires et discussions pour les sites de presse, sur Cloudflare Workers et D1.",
    links: [
      ["/demo/journal/", "Démo : un quotidien", "un article et ses commentaires, en français"],
      ["/demo/band/", "Démo : un groupe de musique", "une actualité et ses commentaires, en anglais, avec connexion des fans"],
      ["/admin/", "Tableau de bord", "modération, équipes et réglages des sites"],
    ],
    other: "English",
  },
  en: {
    title: "Palabre",
    intro: "Comments and discussions for media sites, on Cloudflare Workers and D1.",
    links: [
      ["/demo/journal/", "Demo: a newspaper", "an article and its comments, in French"],
      ["/demo/band/", "Demo: a band", "a news post and its comments, in English, with fan sign-in"],
      ["/admin/", "Dashboard", "moderation, teams and site settings"],
    ],
    other: "Français",
  },
};

// French typography: a no-break space before the colon.
const nbsp = (s: string, locale: ApiLocale) => (locale === "fr" ? s.replace(" :", "\u00a0:") : s);

export function homePage(locale: ApiLocale): string {
  const t = TEXT[locale];
  const other: ApiLocale = locale === "fr" ? "en" : "fr";
  const items = t.links
    .map(([href, name, what]) => `<li><a href="${href}">${nbsp(name, locale)}</a><span>${what}</span></li>`)
    .join("\n      ");
  return `<!doctype html>
<html lang="${locale}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>${t.title}</title>
  <style>
    :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
    body { max-width: 36rem; margin: 3rem auto; padding: 0 1rem; }
    ul { list-style: none; padding: 0; }
    li { margin: 1rem 0; }
    li a { font-size: 1.15rem; font-weight: 600; }
    li span { display: block; opacity: 0.8; }
    footer { margin-top: 2rem; }
  </style>
</head>
<body>
  <main>
    <h1>${t.title}</h1>
    <p>${t.intro}</p>
    <ul>
      ${items}
    </ul>
  </main>
  <footer><a href="/?lang=${other}" hreflang="${other}" lang="${other}">${t.other}</a></footer>
</body>
</html>
`;
}

export function home(c: Context<AppEnv>): Response {
  const lang = c.req.query("lang");
  const locale = lang === "fr" || lang === "en" ? lang : requestLocale(c.req.header("Accept-Language"), "en");
  return c.html(homePage(locale), 200, { Vary: "Accept-Language", "Cache-Control": "no-cache" });
}
