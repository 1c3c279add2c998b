// The staff dashboard's entry: for now the shell (header, language, where things are).
import { render } from "preact";
import { useState } from "preact/hooks";
import { en, type DashboardStrings } from "./locales/en";
import { fr } from "./locales/fr";

const locales: Record<"fr" | "en", DashboardStrings> = { fr, en };

function initialLocale(): "fr" | "en" {
  const saved = localStorage.getItem("palabre.admin.locale");
  if (saved === "fr" || saved === "en") return saved;
  return navigator.language.toLowerCase().startsWith("fr") ? "fr" : "en";
}

function App() {
  const [locale, setLocale] = useState(initialLocale);
  const t = locales[locale];
  document.documentElement.lang = locale;
  document.title = `${t.appName} — ${t.staffArea}`;

  const choose = (value: string) => {
    const next = value === "fr" ? "fr" : "en";
    localStorage.setItem("palabre.admin.locale", next);
    setLocale(next);
  };

  return (
    <>
      <header>
        <strong>{t.appName}</strong>
        <span>{t.staffArea}</span>
        <label style={{ marginLeft: "auto" }}>
          {t.language}{" "}
          <select value={locale} onChange={(e) => choose((e.target as HTMLSelectElement).value)}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <main>
        <h1>{t.staffArea}</h1>
        <p>{t.intro}</p>
        <section aria-labelledby="today">
          <h2 id="today">{t.comingTitle}</h2>
          <p>{t.comingBody}</p>
        </section>
        <section aria-labelledby="demos">
          <h2 id="demos">{t.demosTitle}</h2>
          <ul>
            <li>
              <a href="/demo/journal/">{t.demoJournal}</a>
            </li>
            <li>
              <a href="/demo/band/">{t.demoBand}</a>
            </li>
          </ul>
        </section>
      </main>
    </>
  );
}

render(<App />, document.getElementById("app")!);
