// The DSA transparency report of one site (Art. 15, 24) on the Figures screen: a period of whole
// days (at most 366, both ends included) and its figures as JSON or CSV downloads. Plain links: the
// session cookie goes with them, and the browser saves what the API names.
import { useId, useState } from "preact/hooks";
import type { StaffSiteView } from "../worker/schemas/admin-views";
import { api } from "./api";
import { useI18n } from "./i18n";

const DAY = 86_400_000;
const MAX_DAYS = 366;

/** YYYY-MM-DD of a date, in the staff member's own calendar. */
const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** What is wrong with a period, or null. */
function problem(from: string, to: string): "missing" | "order" | "long" | null {
  if (!from || !to) return "missing";
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return "missing";
  if (a > b) return "order";
  return (b - a) / DAY + 1 > MAX_DAYS ? "long" : null;
}

export function TransparencyExport({ site }: { site: StaffSiteView | null }) {
  const { t } = useI18n();
  const today = new Date();
  // A report usually covers the year so far: from 1 January to today.
  const [from, setFrom] = useState(() => isoDay(new Date(today.getFullYear(), 0, 1)));
  const [to, setTo] = useState(() => isoDay(today));
  const id = useId();
  const wrong = problem(from, to);
  const message = wrong && { missing: t.transparencyMissing, order: t.transparencyOrder, long: t.transparencyTooLong }[wrong];

  return (
    <section class="panel transparency" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.transparencyHeading}</h2>
      <p class="help">{t.transparencyHelp}</p>
      {!site ? (
        <p class="notice">{t.transparencyPickSite}</p>
      ) : (
        <div class="transparency-form">
          <label>
            <span>{t.transparencyFrom}</span>
            <input
              type="date"
              value={from}
              max={to || undefined}
              aria-invalid={wrong === "order" || wrong === "long" || undefined}
              aria-describedby={message ? `${id}-error` : undefined}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </label>
          <label>
            <span>{t.transparencyTo}</span>
            <input
              type="date"
              value={to}
              min={from || undefined}
              aria-invalid={wrong === "order" || wrong === "long" || undefined}
              aria-describedby={message ? `${id}-error` : undefined}
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          </label>
          <span class="transparency-links">
            {(["json", "csv"] as const).map((format) =>
              wrong ? (
                // Not a link while the period is wrong: the download would only be an error.
                <button key={format} type="button" aria-disabled="true" aria-describedby={`${id}-error`}>
                  {format === "json" ? t.transparencyJson : t.transparencyCsv}
                </button>
              ) : (
                <a key={format} class="button-link" href={api.transparencyUrl(site.id, from, to, format)} download>
                  {format === "json" ? t.transparencyJson : t.transparencyCsv}
                </a>
              ),
            )}
          </span>
          {message && (
            <p class="field-error" id={`${id}-error`} role="alert">
              {message}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
