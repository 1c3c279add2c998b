// A site's outbox: every mail and webhook Palabre sent or tries to send, newest first, filtered by
// kind and status. In local development nothing leaves, so this is the mailbox: a mail's text shows
// on demand with its links clickable. A delivery that failed for good says why, and its site's
// admins can queue it again.
import { useEffect, useId, useState } from "preact/hooks";
import type { OutboxItemView } from "../worker/schemas/alert-views";
import type { StaffSiteView } from "../worker/schemas/admin-views";
import { api, ApiFailure, type OutboxFilters } from "./api";
import { describeFailure, useI18n } from "./i18n";
import { LoadFailed, LoadMore } from "./list-parts";
import { Time } from "./time";
import { usePoll } from "./use-poll";

interface Props {
  site: StaffSiteView;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
  /** a delivery was queued again: the header's failed count changes */
  onRetried: () => void;
}

const URL_IN_TEXT = /(https?:\/\/[^\s<>"]+)/g;

/** A mail's text with its addresses as links (a trailing full stop or bracket is the sentence's, not the link's). */
export function TextWithLinks({ text }: { text: string }) {
  const parts = text.split(URL_IN_TEXT);
  return (
    <>
      {parts.map((part, i) => {
        // A link whose secret the API hid (services/delivery/outbox-admin.ts) would lead nowhere.
        if (i % 2 === 0 || part.includes("[…]")) return part;
        const trail = /[.,;:!?)\]]+$/.exec(part)?.[0] ?? "";
        const href = part.slice(0, part.length - trail.length);
        return (
          <>
            <a href={href} target="_blank" rel="noopener noreferrer">
              {href}
            </a>
            {trail}
          </>
        );
      })}
    </>
  );
}

function Body({ item }: { item: OutboxItemView }) {
  if (item.kind === "webhook") {
    let shown = item.body;
    try {
      shown = JSON.stringify(JSON.parse(item.body), null, 2);
    } catch {
      // Not JSON: shown as stored.
    }
    return <pre class="outbox-body">{shown}</pre>;
  }
  return (
    <pre class="outbox-body mail-text">
      <TextWithLinks text={item.body} />
    </pre>
  );
}

function Delivery({ item, canRetry, busy, onRetry }: { item: OutboxItemView; canRetry: boolean; busy: boolean; onRetry: () => void }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <li class={`delivery status-${item.status}`} data-delivery={item.id} aria-labelledby={headingId}>
      <p class="delivery-head">
        <span class={`badge kind-${item.kind}`}>{t.outboxKindOne[item.kind] ?? item.kind}</span>
        <span class="badge">{t.outboxTopics[item.topic] ?? item.topic}</span>
        <span class={`badge delivery-status status-${item.status}`}>{t.outboxStatusLabel[item.status]}</span>
        <span class="when">
          <Time iso={item.createdAt} />
        </span>
      </p>
      <h3 id={headingId} class="delivery-subject">
        {item.subject}
      </h3>
      <p class="delivery-meta">
        <span>
          {t.colon(t.outboxTo)} <span class="delivery-to">{item.to}</span>
        </span>
        <span>{t.outboxAttempts(item.attempts)}</span>
        {item.sentAt && (
          <span>
            {t.outboxSentAt} <Time iso={item.sentAt} />
          </span>
        )}
        {item.status === "retrying" && item.nextAttemptAt && (
          <span>
            {t.outboxNextTry} <Time iso={item.nextAttemptAt} />
          </span>
        )}
      </p>
      {item.lastError && <p class={item.status === "failed" ? "delivery-error failed" : "delivery-error"}>{item.lastError}</p>}
      <details class="delivery-body">
        <summary>{t.outboxBody}</summary>
        <Body item={item} />
      </details>
      {canRetry && item.status === "failed" && (
        <p class="actions">
          <button type="button" aria-describedby={headingId} aria-disabled={busy} onClick={onRetry}>
            {busy ? t.working : t.outboxRetry}
          </button>
        </p>
      )}
    </li>
  );
}

export function OutboxScreen({ site, announce, onFailure, onRetried }: Props) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<OutboxFilters>({ kind: "", status: "" });
  const [items, setItems] = useState<OutboxItemView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [paged, setPaged] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const kindId = useId();
  const statusId = useId();

  const loadFirst = async (quiet = false) => {
    if (!quiet) setLoading(true);
    try {
      const res = await api.outbox(site.id, filters);
      setItems(res.items);
      setCursor(res.nextCursor);
      setPaged(false);
      setError(null);
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return onFailure(err);
      if (!quiet) setError(describeFailure(t, err));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setItems(null);
    void loadFirst();
  }, [site.id, filters.kind, filters.status]);
  // New mails show without a reload, unless older pages were loaded (they would be lost).
  usePoll(() => loadFirst(true), !paged && !loading, `${site.id}|${filters.kind}|${filters.status}`);

  const loadMore = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const res = await api.outbox(site.id, filters, cursor);
      setItems((list) => [...(list ?? []), ...res.items]);
      setCursor(res.nextCursor);
      setPaged(true);
    } catch (err) {
      onFailure(err);
    } finally {
      setLoading(false);
    }
  };

  const retry = async (item: OutboxItemView) => {
    if (busy !== null) return;
    setBusy(item.id);
    try {
      await api.retryDelivery(site.id, item.id);
      announce(t.outboxRetried);
      onRetried();
      await loadFirst(true);
    } catch (err) {
      onFailure(err);
    } finally {
      setBusy(null);
    }
  };

  const select = (id: string, label: string, key: keyof OutboxFilters, options: Record<string, string>) => (
    <div class="filter">
      <label for={id}>{label}</label>
      <select id={id} value={filters[key] ?? ""} onChange={(e) => setFilters({ ...filters, [key]: e.currentTarget.value })}>
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <div class="screen-head">
        <h1>{t.outboxHeading(site.name)}</h1>
      </div>
      <p class="help intro">{t.outboxIntro}</p>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label={t.outboxFilters}>
        {select(kindId, t.outboxKind, "kind", t.outboxKinds)}
        {select(statusId, t.outboxStatus, "status", t.outboxStatuses)}
      </form>
      {error && <LoadFailed message={`${t.outboxLoadFailed} ${error}`} onRetry={() => void loadFirst()} />}
      {items === null ? (
        !error && <p class="muted">{t.loading}</p>
      ) : items.length === 0 ? (
        <p class="empty">{t.outboxEmpty}</p>
      ) : (
        <ol class="outbox" aria-busy={loading}>
          {items.map((item) => (
            <Delivery key={item.id} item={item} canRetry={site.role === "admin"} busy={busy === item.id} onRetry={() => void retry(item)} />
          ))}
        </ol>
      )}
      {cursor && items && <LoadMore loading={loading} onLoad={() => void loadMore()} />}
    </>
  );
}
