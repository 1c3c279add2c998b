// The audit log of one site: who did what, when and why, newest first, by cursor.
import { useEffect, useState } from "preact/hooks";
import type { AuditEntry, StaffSiteView } from "../worker/schemas/admin-views";
import { api } from "./api";
import { describeFailure, useI18n, type I18n } from "./i18n";
import { LoadFailed, LoadMore } from "./list-parts";
import { Time } from "./time";

interface Props {
  site: StaffSiteView;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
}

export function AuditScreen({ site, onFailure }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    setStatus("loading");
    api.audit(site.id).then(
      (res) => {
        if (!current) return;
        setEntries(res.entries);
        setNextCursor(res.nextCursor);
        setStatus("ready");
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
  }, [site.id, reload]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const res = await api.audit(site.id, nextCursor);
      setEntries((list) => [...list, ...res.entries]);
      setNextCursor(res.nextCursor);
    } catch (err) {
      onFailure(err);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <div class="screen-head">
        <h1>{t.auditHeading(site.name)}</h1>
      </div>
      <section class="panel" aria-labelledby="audit-intro">
        <p class="help" id="audit-intro">
          {t.auditIntro}
        </p>
        {status === "loading" && <p class="muted">{t.loading}</p>}
        {status === "error" && (
          <LoadFailed message={error} onRetry={() => setReload((n) => n + 1)} />
        )}
        {status === "ready" && entries.length === 0 && <p class="empty">{t.auditEmpty}</p>}
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
                    <td class="nowrap">
                      <Time iso={e.at} />
                    </td>
                    <td>{e.staff?.name ?? t.auditSystem}</td>
                    <td>{t.auditActions[e.action] ?? e.action}</td>
                    {/* A story's key may be a long URL: it wraps anywhere rather than widen the table. */}
                    <td class={e.target.type === "story" ? "long-target" : "nowrap"}>
                      {t.auditTargets[e.target.type]?.(e.target.id) ?? `${e.target.type} ${e.target.id}`}
                    </td>
                    <td>
                      <Detail detail={e.detail} i18n={i18n} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {status === "ready" && nextCursor && <LoadMore loading={loadingMore} onLoad={loadMore} />}
      </section>
    </>
  );
}

/** The "why" of an entry: its detail's keys in words, codes translated, flags as plain phrases. */
function Detail({ detail, i18n }: { detail: Record<string, unknown>; i18n: I18n }) {
  const { t, short } = i18n;
  const rows = Object.entries(detail).filter(([, v]) => v !== null && v !== undefined && v !== "" && v !== false);
  if (!rows.length) return <span class="muted">—</span>;
  const settingLabels: Record<string, string> = {
    name: t.nameLabel,
    color: t.colorLabel,
    defaultLocale: t.defaultLocaleLabel,
    allowedOrigins: t.originsLabel,
    charter: t.charterLabel,
    bannedWords: t.bannedWordsLabel,
    suspectWords: t.suspectWordsLabel,
    premoderation: t.premoderationLabel,
    premoderateLinks: t.premoderateLinksLabel,
  };
  const date = (v: string) => (Number.isNaN(Date.parse(v)) ? v : short.format(new Date(v)));
  const show = (key: string, value: unknown): string => {
    if (key === "reason" && typeof value === "string") {
      return (t.rejectReasons as Record<string, string>)[value] ?? (t.reportReasons as Record<string, string>)[value] ?? value;
    }
    if (key === "from" && typeof value === "string") return (t.statuses as Record<string, string>)[value] ?? value;
    if ((key === "status" || key === "premoderation") && typeof value === "string") {
      return (t.auditStoryValues as Record<string, string>)[value] ?? value;
    }
    if (value === "permanent") return t.permanent;
    if (key === "duration" && value && typeof value === "object" && "hours" in value) return t.hours(Number(value.hours));
    if ((key === "until" || key === "was") && typeof value === "string") return date(value);
    if (key === "changed" && Array.isArray(value)) {
      return value
        .map((k) => String(k).replace(/^settings\./, ""))
        .map((k) => settingLabels[k] ?? t.thresholds[k]?.[0] ?? k)
        .join(", ");
    }
    if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
    return typeof value === "string" ? value : JSON.stringify(value);
  };
  return (
    <ul class="detail">
      {rows.map(([key, value]) => (
        <li key={key}>
          {value === true ? (
            (t.auditDetailKeys[key] ?? key)
          ) : (
            <>
              <span class="muted">{t.colon(t.auditDetailKeys[key] ?? key)}</span> {show(key, value)}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
