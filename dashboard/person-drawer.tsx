// A person, seen by the staff of one site, in a side panel: who they are, their standing, their
// comments (paged, with earlier texts), the moderation history, moderators' notes, and the actions on them.
import type { JSX } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { PersonComment, PersonResponse, StaffSiteView } from "../worker/schemas/admin-views";
import { api } from "./api";
import { describeFailure, useI18n } from "./i18n";
import { LoadFailed, LoadMore } from "./list-parts";
import { useModal } from "./modal";
import { PersonComments } from "./person-comments";
import { PersonActions } from "./person-actions";
import { PersonMeta, PersonStanding } from "./person-standing";
import { PersonHistory, PersonNotes } from "./person-history";

type Tab = "comments" | "history" | "notes";
const TABS: Tab[] = ["comments", "history", "notes"];

/** Comments shown per page. */
const PAGE = 50;

export function PersonDrawer(props: {
  site: StaffSiteView;
  commenterId: number;
  onClose: () => void;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
  onChanged: () => void;
}): JSX.Element {
  const { site, commenterId, announce, onFailure, onChanged } = props;
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  // After an erasure the Erase button is gone: once the person reloads, focus goes to their title.
  const focusTitle = useRef(false);
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
        if (focusTitle.current) requestAnimationFrame(() => titleRef.current?.focus());
        focusTitle.current = false;
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

  const author = data?.author;
  // An erased person's name is blank: they are called "Erased person" wherever the name would show.
  const name = author?.erasedAt ? t.erasedPerson : (author?.name ?? "");

  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === "ArrowRight"
        ? TABS[(i + 1) % TABS.length]
        : e.key === "ArrowLeft"
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === "Home"
            ? TABS[0]
            : e.key === "End"
              ? TABS[TABS.length - 1]
              : null;
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
          <h2 id={titleId} ref={titleRef} tabIndex={-1}>
            {author ? name : t.personTitle}
          </h2>
          {author && <PersonMeta author={author} />}
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
              <PersonActions
                site={site}
                author={author}
                name={name}
                pages={{ comments, nextCursor }}
                onPages={(list, cursor) => {
                  setComments(list);
                  setNextCursor(cursor);
                }}
                announce={announce}
                onFailure={onFailure}
                onDone={() => {
                  refresh();
                  onChanged();
                }}
                onErased={(counts) => {
                  announce(t.erasedDone(counts));
                  focusTitle.current = true;
                  refresh();
                  onChanged();
                }}
              />
            )}
            {author.erasedAt && <p class="help erased-help">{t.erasedHelp}</p>}

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
              // biome-ignore lint/a11y/noNoninteractiveTabindex: the WAI-ARIA tabs pattern: the panel is the next stop after its tab, whose content may hold nothing focusable
              tabIndex={0}
            >
              {tab === "comments" && (
                <>
                  <PersonComments siteId={site.id} comments={comments} erased={author.erasedAt !== null} />
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
    </dialog>
  );
}
