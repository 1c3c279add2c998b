// The queues of one site: tabs with live counts (Pending, Reported, To answer…), the queue's help,
// the time to first answer above To answer, and the live list with its keyboard shortcuts.
import { useEffect, useRef, useState } from "preact/hooks";
import type { QueueName, QueueResponse, StaffSiteView } from "../worker/schemas/admin-views";
import { api } from "./api";
import { AnswerTimesSummary } from "./answer-times";
import { groupNotices } from "./dsa-types";
import { noteClauses } from "./site-clauses";
import { useI18n } from "./i18n";
import { QueueList } from "./queue-list";
import { QUEUE_NAMES } from "./route";
import { ShortcutsDialog } from "./story-dialogs";
import type { Counts, QueueSource } from "./use-queue";

export const QUEUES = QUEUE_NAMES;

interface Props {
  site: StaffSiteView;
  sites: StaffSiteView[];
  staffName: string;
  queue: QueueName;
  onQueue: (queue: QueueName) => void;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
  /** the site's counts changed (shown in the site switcher and on the home) */
  onCounts: (site: string, counts: Counts) => void;
}

/** Each tab's count in the queue answer's counts (the DSA queues' when the API gives them). */
const COUNTED: Partial<Record<QueueName, string>> = {
  pending: "pending",
  reported: "reported",
  "to-answer": "toAnswer",
  notices: "notices",
  appeals: "appeals",
};

export function QueueScreen({ site, sites, staffName, queue, onQueue, announce, onFailure, onCounts }: Props) {
  const { t } = useI18n();
  const siteId = site.id;
  /** What every answer brings besides its items: the charter's clauses for the reject dialog; one item per comment in Legal notices. */
  const read = <T extends QueueResponse>(res: T): T => {
    noteClauses(siteId, (res as { charterClauses?: unknown }).charterClauses);
    return queue === "notices" ? groupNotices(res) : res;
  };
  const source: QueueSource = {
    key: `${siteId}/${queue}`,
    queue,
    first: async (limit) => {
      const { data, changed } = await api.freshQueue(siteId, queue, limit);
      return { data: read(data), changed };
    },
    page: async (cursor, limit) => read(await api.queue(siteId, queue, { cursor, limit })),
  };
  const [counts, setCounts] = useState<Counts | null>(null);
  const [shortcuts, setShortcuts] = useState(false);
  // Another site's counts must never show under this site's tabs, even for a moment.
  useEffect(() => setCounts(null), [siteId]);
  const shownSite = useRef(siteId);
  shownSite.current = siteId;
  const tabRefs = useRef(new Map<QueueName, HTMLButtonElement>());
  const panelId = "queue-panel";

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    const to = step
      ? QUEUES[(index + step + QUEUES.length) % QUEUES.length]!
      : e.key === "Home"
        ? QUEUES[0]!
        : e.key === "End"
          ? QUEUES[QUEUES.length - 1]!
          : null;
    if (!to) return;
    e.preventDefault();
    onQueue(to);
    tabRefs.current.get(to)?.focus();
  };

  return (
    <>
      <div class="screen-head">
        <h1>{t.queuesHeading(site.name)}</h1>
        <button type="button" class="link-button with-key" onClick={() => setShortcuts(true)}>
          <span>{t.shortcutsButton}</span> <kbd>?</kbd>
        </button>
      </div>

      <div role="tablist" aria-label={t.queueTabs} class="tabs">
        {QUEUES.map((q, index) => {
          const key = COUNTED[q];
          const count = key && counts ? (counts as Record<string, number | undefined>)[key] : undefined;
          return (
            <button
              key={q}
              ref={(el) => {
                if (el) tabRefs.current.set(q, el);
              }}
              type="button"
              role="tab"
              id={`tab-${q}`}
              aria-selected={q === queue}
              aria-controls={panelId}
              tabIndex={q === queue ? 0 : -1}
              class="tab"
              onClick={() => onQueue(q)}
              onKeyDown={(e) => onTabKey(e, index)}
            >
              {t.queues[q]}
              {count !== undefined && (
                <>
                  <span class={count ? "count" : "count zero"} aria-hidden="true">
                    {count}
                  </span>
                  {/* aria-label on a span is not read everywhere: the tab's name gets its count in words as text. */}
                  <span class="visually-hidden"> ({t.waitingCount(count)})</span>
                </>
              )}
            </button>
          );
        })}
      </div>

      <section role="tabpanel" id={panelId} aria-labelledby={`tab-${queue}`} class="panel">
        <p class="help">{t.queueHelp[queue]}</p>
        {queue === "to-answer" && <AnswerTimesSummary siteId={siteId} />}
        <QueueList
          key={source.key}
          source={source}
          queue={queue}
          showSite={false}
          sites={sites}
          staffName={staffName}
          announce={announce}
          onFailure={onFailure}
          onCounts={(c) => {
            onCounts(siteId, c);
            // Counts of a site no longer shown (a late answer) are that site's: never under this one's tabs.
            if (siteId !== shownSite.current) return;
            // A queue whose answer lacks a count (the DSA queues' counts come with their own) keeps the last one known.
            setCounts((before) => ({ ...before, ...c }));
          }}
        />
      </section>
      {shortcuts && <ShortcutsDialog onClose={() => setShortcuts(false)} />}
    </>
  );
}
