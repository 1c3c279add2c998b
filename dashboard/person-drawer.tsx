// A person, seen by the staff of one site, in a side panel: who they are, their standing, their
// comments (paged, with earlier texts), the moderation history, moderators' notes, and the actions on them.
import type { JSX } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { PersonComment, PersonResponse, RejectReason, StaffSiteView } from "../worker/schemas/admin-views";
import { api, type BanDuration } from "./api";
import { describeFailure, useI18n } from "./i18n";
import { LoadFailed, LoadMore } from "./list-parts";
import { useModal } from "./modal";
import { PersonBanDialog, type Rejectable } from "./person-ban-dialog";
import { PersonComments } from "./person-comments";
import { PersonStanding } from "./person-standing";
import { PersonHistory, PersonNotes } from "./person-history";

type Tab = "comments" | "history" | "notes";
const TABS: Tab[] = ["comments", "history", "notes"];

/** Comments shown per page; to count what a ban-and-reject would reject, pages of 100, at most 20 of them. */
const PAGE = 50;
const COUNT_PAGE = 100;
const COUNT_PAGES = 20;

export function PersonDrawer(props: {
  site: StaffSiteView;
  commenterId: number;
  onClose: () => void;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
  onChanged: () => void;
}): JSX.Element {
  const { site, commenterId, announce, onFailure, onChanged } = props;
  const i18n = useI18n();
  const { t, short } = i18n;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const tabsId = useId();
  const close = useRef(props.onClose);
  close.current = props.onClose;

  const [data, setData] = useState<PersonResponse | null>(null);
  const [comments, setComments] = useState<PersonComment[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [tab, setTab] = useState<Tab>("comments");
  const [dialog, setDialog] = useState<"ban" | "banAndReject" | null>(null);
  const [counted, setCounted] = useState<Rejectable | null>(null);
  const [busy, setBusy] = useState(false);

  // Modal: the page behind is inert, so focus stays in the drawer until it closes.
  useModal(ref);

  useEffect(() => {
    let current = true;
    setLoadError(null);
    api.person(site.id, commenterId, { limit: PAGE }).then(
      (res) => {
        if (!current) return;
        setData(res);
        setComments(res.comments);
        setNextCursor(res.nextCursor);
      },
      (err) => {
        if (!current) return;
        setLoadError(describeFailure(t, err));
        onFailure(err);
      },
    );
    return () => {
      current = false;
    };
  }, [site.id, commenterId, reload]);

  const refresh = () => setReload((n) => n + 1);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const res = await api.person(site.id, commenterId, { cursor: nextCursor, limit: PAGE });
      setComments((list) => [...list, ...res.comments]);
      setNextCursor(res.nextCursor);
      announce(t.loadedMore(res.comments.length));
    } catch (err) {
      onFailure(err);
    } finally {
      setLoadingMore(false);
    }
  };

  /** Reads the pages not yet shown, so that the confirmation can say how many comments it rejects. */
  const countRejectable = async () => {
    setCounted(null);
    let list = comments;
    let cursor = nextCursor;
    try {
      for (let page = 0; cursor && page < COUNT_PAGES; page++) {
        const res = await api.person(site.id, commenterId, { cursor, limit: COUNT_PAGE });
        list = [...list, ...res.comments];
        cursor = res.nextCursor;
      }
    } catch (err) {
      onFailure(err);
    }
    setComments(list);
    setNextCursor(cursor);
    setCounted({
      pending: list.filter((c) => c.comment.status === "pending").length,
      published: list.filter((c) => c.comment.status === "published").length,
      partial: cursor !== null,
    });
  };

  /** Runs an action, then says what happened, reloads the drawer and tells the screen behind. */
  const act = async (run: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    try {
      const said = await run();
      setDialog(null);
      announce(said);
      refresh();
      onChanged();
    } catch (err) {
      onFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const author = data?.author;
  const name = author?.name ?? "";
  const suspended = author && !author.bannedForever && author.bannedUntil !== null && Date.parse(author.bannedUntil) > Date.now();
  const banned = Boolean(author && (author.bannedForever || suspended));
  const since = author ? new Intl.DateTimeFormat(i18n.locale, { dateStyle: "long" }).format(new Date(author.createdAt)) : "";

  const ban = (duration: BanDuration, reason: string) =>
    act(async () => {
      const res = await api.ban(site.id, commenterId, duration, reason);
      return res.author.bannedForever
        ? t.bannedDone(name)
        : t.suspendedDone(name, res.author.bannedUntil ? short.format(new Date(res.author.bannedUntil)) : "");
    });
  const banAndReject = (duration: BanDuration, reason: string, rejectReason?: RejectReason) =>
    act(async () => {
      const res = await api.banAndReject(site.id, commenterId, duration, reason, rejectReason);
      return t.banRejectDone(name, res.rejected.length);
    });
  const unban = () =>
    act(async () => {
      await api.unban(site.id, commenterId);
      return t.unbannedDone(name);
    });
  const premoderate = (on: boolean) =>
    act(async () => {
      await api.premoderate(site.id, commenterId, on);
      return on ? t.premoderatedDone(name) : t.unpremoderatedDone(name);
    });

  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === "ArrowRight" ? TABS[(i + 1) % TABS.length] :
      e.key === "ArrowLeft" ? TABS[(i + TABS.length - 1) % TABS.length] :
      e.key === "Home" ? TABS[0] :
      e.key === "End" ? TABS[TABS.length - 1] : null;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    document.getElementById(`${tabsId}-${next}`)?.focus();
  };

  const tabLabel = (which: Tab) =>
    which === "comments"
      ? t.personTabComments(author?.commentCount ?? comments.length)
      : which === "history"
        ? t.personTabHistory(data?.history.length ?? 0)
        : t.personTabNotes(data?.notes.length ?? 0);

  return (
    <dialog
      ref={ref}
      class="drawer"
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape: the owner closes it, so that state and screen agree.
        e.preventDefault();
        close.current();
      }}
    >
      <div class="drawer-head" style={{ borderTopColor: site.color }}>
        <div class="drawer-title">
          <p class="drawer-kicker">{t.personKicker(site.name)}</p>
          <h2 id={titleId}>{author ? name : t.personTitle}</h2>
          {author && (
            <p class="person-meta">
              <span class={author.kind === "sso" ? "badge kind-sso" : "badge kind-guest"}>
                {author.staff ? t.staffBadge : author.kind === "sso" ? t.personSso : t.personGuest}
              </span>
              {author.email && <span class="person-email">{author.email}</span>}
              <span>{t.personSince(since)}</span>
            </p>
          )}
        </div>
        <button type="button" class="drawer-close" onClick={() => close.current()}>
          <span aria-hidden="true">×</span>
          <span class="visually-hidden">{t.personClose}</span>
        </button>
      </div>

      <div class="drawer-body">
        {!data && !loadError && <p class="muted">{t.loading}</p>}
        {loadError && <LoadFailed message={loadError} onRetry={refresh} />}
        {author && data && (
          <>
            <PersonStanding author={author} />

            {author.staff ? (
              <p class="help">{t.staffNotBannable}</p>
            ) : (
              <div class="person-actions" role="group" aria-label={t.personActions(name)}>
                {/* One button per slot whose label follows the state, so focus stays on it after the action. */}
                {/* aria-disabled, not disabled, while an action runs: a disabled button would lose the focus. */}
                <button
                  type="button"
                  class={banned ? "" : "danger"}
                  aria-disabled={busy}
                  onClick={() => (busy ? undefined : banned ? unban() : setDialog("ban"))}
                >
                  {banned ? (author.bannedForever ? t.unban : t.liftSuspension) : t.ban}
                </button>
                <button
                  type="button"
                  class="danger"
                  aria-disabled={busy}
                  onClick={() => {
                    if (busy) return;
                    setDialog("banAndReject");
                    void countRejectable();
                  }}
                >
                  {t.banReject}
                </button>
                <button type="button" aria-disabled={busy} onClick={() => premoderate(!author.premoderated)}>
                  {author.premoderated ? t.stopPremoderating : t.alwaysPremoderate}
                </button>
              </div>
            )}

            <div class="drawer-tabs" role="tablist" aria-label={t.personSections}>
              {TABS.map((which) => (
                <button
                  key={which}
                  type="button"
                  role="tab"
                  id={`${tabsId}-${which}`}
                  aria-selected={tab === which}
                  aria-controls={`${tabsId}-${which}-panel`}
                  tabIndex={tab === which ? 0 : -1}
                  class="tab"
                  onClick={() => setTab(which)}
                  onKeyDown={onTabKey}
                >
                  {tabLabel(which)}
                </button>
              ))}
            </div>
            <div
              class="drawer-panel"
              role="tabpanel"
              id={`${tabsId}-${tab}-panel`}
              aria-labelledby={`${tabsId}-${tab}`}
              tabIndex={0}
            >
              {tab === "comments" && (
                <>
                  <PersonComments siteId={site.id} comments={comments} />
                  {nextCursor && <LoadMore loading={loadingMore} onLoad={loadMore} />}
                </>
              )}
              {tab === "history" && <PersonHistory history={data.history} />}
              {tab === "notes" && (
                <PersonNotes
                  siteId={site.id}
                  commenterId={commenterId}
                  notes={data.notes}
                  onFailure={onFailure}
                  onAdded={() => {
                    announce(t.noteAdded);
                    refresh();
                  }}
                />
              )}
            </div>
          </>
        )}
      </div>

      {dialog && author && (
        <PersonBanDialog
          name={name}
          reject={dialog === "banAndReject" ? { counted } : undefined}
          busy={busy}
          onConfirm={(duration, reason, rejectReason) =>
            dialog === "ban" ? ban(duration, reason) : banAndReject(duration, reason, rejectReason)
          }
          onClose={() => setDialog(null)}
        />
      )}
    </dialog>
  );
}
