// The audit log of one site: who did what, to whom, when and why, newest first, by cursor; filters
// by action, staff member and period, the same as CSV; an author's name opens their person drawer.
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { AuditEntry, StaffSiteView } from "../worker/schemas/admin-views";
import { api, type AuditFilters } from "./api";
import { actionLabel, AuditDetail, AuditTarget } from "./audit-detail";
import { describeFailure, useI18n } from "./i18n";
import { LoadFailed, LoadMore } from "./list-parts";
import { PersonDrawer } from "./person-drawer";

interface Props {
  site: StaffSiteView;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
}

/** The filters as the form holds them: "" for "any". */
interface FilterForm {
  action: string;
  staff: string;
  from: string;
  to: string;
}

const NO_FILTER: FilterForm = { action: "", staff: "", from: "", to: "" };

/** A day picked in a date input (YYYY-MM-DD), as the instant it starts in the browser's time zone. */
function dayStart(day: string, plusDays = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).toISOString();
}

/** The request's filters: the period runs from the start of "from" to the end of "to" (both days included). */
function toFilters(form: FilterForm): AuditFilters {
  return {
    action: form.action || undefined,
    staff: form.staff ? Number(form.staff) : undefined,
    from: dayStart(form.from),
    to: dayStart(form.to, 1),
  };
}

export function AuditScreen({ site, announce, onFailure }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [reload, setReload] = useState(0);
  const [form, setForm] = useState<FilterForm>(NO_FILTER);
  /** staff members seen in the log so far: the staff filter lists them */
  const [knownStaff, setKnownStaff] = useState<Map<number, string>>(new Map());
  const [person, setPerson] = useState<number | null>(null);
  const firstLoad = useRef(true);
  const filterId = useId();

  const filters = toFilters(form);
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const filterKey = JSON.stringify(filters);

  const learnStaff = (list: AuditEntry[]) =>
    setKnownStaff((known) => {
      const fresh = list.filter((e) => e.staff && known.get(e.staff.id) !== e.staff.name);
      if (!fresh.length) return known;
      const next = new Map(known);
      for (const e of fresh) next.set(e.staff!.id, e.staff!.name);
      return next;
    });

  useEffect(() => {
    setForm(NO_FILTER);
    setKnownStaff(new Map());
    firstLoad.current = true;
  }, [site.id]);

  useEffect(() => {
    let current = true;
    setStatus("loading");
    api.audit(site.id, filters).then(
      (res) => {
        if (!current) return;
        setEntries(res.entries);
        setNextCursor(res.nextCursor);
        learnStaff(res.entries);
        setStatus("ready");
        // The first load speaks for itself; a change of filters is announced with what it found.
        if (!firstLoad.current) announce(res.nextCursor ? t.auditShownMore(res.entries.length) : t.auditShown(res.entries.length));
        firstLoad.current = false;
      },
      (err) => {
        if (!current) return;
        setError(describeFailure(t, err));
        setStatus("error");
        onFailure(err);
      },
    );
    return () => {
      current = false;
    };
  }, [site.id, filterKey, reload]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const res = await api.audit(site.id, filters, nextCursor);
      setEntries((list) => [...list, ...res.entries]);
      setNextCursor(res.nextCursor);
      learnStaff(res.entries);
      announce(t.auditLoadedMore(res.entries.length));
    } catch (err) {
      onFailure(err);
    } finally {
      setLoadingMore(false);
    }
  };

  const set = (key: keyof FilterForm, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const staffOptions = [...knownStaff].sort((a, b) => a[1].localeCompare(b[1]));
  const periodInvalid = form.from && form.to && form.from > form.to;

  return (
    <>
      <div class="screen-head">
        <h1>{t.auditHeading(site.name)}</h1>
        <a class="button-link" href={api.auditCsvUrl(site.id, filters)} download>
          {filtered ? t.auditExportFiltered : t.auditExport}
        </a>
      </div>
      <section class="panel" aria-labelledby="audit-intro">
        <p class="help" id="audit-intro">
          {t.auditIntro}
        </p>
        {/* biome-ignore lint/a11y/useSemanticElements: a search landmark on the filters' form; the <search> element is too recent (2023) to count on */}
        <form class="filters" role="search" aria-label={t.auditFilters} onSubmit={(e) => e.preventDefault()}>
          <div class="filter">
            <label for={`${filterId}-action`}>{t.auditFilterAction}</label>
            <select id={`${filterId}-action`} value={form.action} onChange={(e) => set("action", e.currentTarget.value)}>
              <option value="">{t.auditAnyAction}</option>
              {Object.keys(t.auditActions).map((action) => (
                <option key={action} value={action}>
                  {t.auditActions[action]}
                </option>
              ))}
            </select>
          </div>
          <div class="filter">
            <label for={`${filterId}-staff`}>{t.auditFilterStaff}</label>
            <select id={`${filterId}-staff`} value={form.staff} onChange={(e) => set("staff", e.currentTarget.value)}>
              <option value="">{t.auditAnyStaff}</option>
              {staffOptions.map(([id, name]) => (
                <option key={id} value={String(id)}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div class="filter">
            <label for={`${filterId}-from`}>{t.auditFilterFrom}</label>
            <input
              id={`${filterId}-from`}
              type="date"
              value={form.from}
              max={form.to || undefined}
              onChange={(e) => set("from", e.currentTarget.value)}
            />
          </div>
          <div class="filter">
            <label for={`${filterId}-to`}>{t.auditFilterTo}</label>
            <input
              id={`${filterId}-to`}
              type="date"
              value={form.to}
              min={form.from || undefined}
              aria-invalid={periodInvalid ? true : undefined}
              aria-describedby={periodInvalid ? `${filterId}-period` : undefined}
              onChange={(e) => set("to", e.currentTarget.value)}
            />
          </div>
          <div class="filter filter-reset">
            <button type="button" onClick={() => setForm(NO_FILTER)}>
              {t.auditReset}
            </button>
          </div>
          {periodInvalid && (
            <p class="field-error" id={`${filterId}-period`}>
              {t.auditPeriodInvalid}
            </p>
          )}
        </form>
        {status === "loading" && <p class="muted">{t.loading}</p>}
        {status === "error" && <LoadFailed message={error} onRetry={() => setReload((n) => n + 1)} />}
        {status === "ready" && entries.length === 0 && <p class="empty">{filtered ? t.auditNoMatch : t.auditEmpty}</p>}
        {status === "ready" && entries.length > 0 && (
          <div class="table-wrap">
            <table class="audit">
              <caption class="visually-hidden">{t.auditHeading(site.name)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.auditWhen}</th>
                  <th scope="col">{t.auditWho}</th>
                  <th scope="col">{t.auditWhat}</th>
                  <th scope="col">{t.auditTarget}</th>
                  <th scope="col">{t.auditWhy}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td class="when" data-label={t.auditWhen}>
                      <time dateTime={e.at} title={i18n.full.format(new Date(e.at))}>
                        {i18n.short.format(new Date(e.at))}
                      </time>
                    </td>
                    <td data-label={t.auditWho}>{e.staff?.name ?? <span class="muted">{t.auditSystem}</span>}</td>
                    <td data-label={t.auditWhat}>{actionLabel(t, e)}</td>
                    <td class="target" data-label={t.auditTarget}>
                      <AuditTarget entry={e} site={site} i18n={i18n} onPerson={setPerson} />
                    </td>
                    <td data-label={t.auditWhy}>
                      <AuditDetail detail={e.detail} i18n={i18n} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {status === "ready" && nextCursor && <LoadMore loading={loadingMore} onLoad={loadMore} />}
      </section>
      {person !== null && (
        <PersonDrawer
          site={site}
          commenterId={person}
          onClose={() => setPerson(null)}
          announce={announce}
          onFailure={onFailure}
          onChanged={() => setReload((n) => n + 1)}
        />
      )}
    </>
  );
}
