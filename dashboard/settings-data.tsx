// A site's data, in its settings (admins): the whole site's comments as JSON (Palabre's own format,
// which `npm run import -- palabre` reads back) or CSV. Plain links: the session cookie goes with
// them, and the browser saves the streamed file under the name the API gives.
import { useId } from "preact/hooks";
import type { StaffSiteView } from "../worker/schemas/admin-views";
import { gdprApi } from "./gdpr-api";
import { useI18n } from "./i18n";

export function SettingsData({ site }: { site: StaffSiteView }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section class="panel site-data" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.dataSection}</h2>
      <p class="help">{t.dataHelp}</p>
      <p class="help">
        {t.dataReimport} <code>npm run import -- palabre FILE.json --site S</code>
      </p>
      <p class="site-data-links">
        <a class="button-link" href={gdprApi.siteExportUrl(site.id, "json")} download>
          {t.exportJson}
        </a>
        <a class="button-link" href={gdprApi.siteExportUrl(site.id, "csv")} download>
          {t.exportCsv}
        </a>
      </p>
    </section>
  );
}
