// The actions row of a person's drawer: ban or suspend (or lift it), ban and reject all, always
// pre-moderate; and, for the site's admins, their data (person-data.tsx: export, erase).
import { useState } from "preact/hooks";
import type { PersonComment, PersonResponse, RejectReason, StaffSiteView } from "../worker/schemas/admin-views";
import { api, type BanDuration } from "./api";
import type { ErasedCounts } from "./gdpr-api";
import { useI18n } from "./i18n";
import { PersonBanDialog, type Rejectable } from "./person-ban-dialog";
import { PersonDataActions } from "./person-data";

/** To count what a ban-and-reject would reject: pages of 100, at most 20 of them. */
const COUNT_PAGE = 100;
const COUNT_PAGES = 20;

export function PersonActions(props: {
  site: StaffSiteView;
  author: PersonResponse["author"];
  /** the name as shown ("Erased person" for an erased one) */
  name: string;
  /** the comments the drawer has read so far, and the cursor of the next page */
  pages: { comments: PersonComment[]; nextCursor: string | null };
  /** the drawer's list grown by the pages read to count */
  onPages: (comments: PersonComment[], nextCursor: string | null) => void;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
  /** an action went through: the drawer reloads and tells the screen behind */
  onDone: () => void;
  onErased: (counts: ErasedCounts) => void;
}) {
  const { site, author, name, announce, onFailure } = props;
  const commenterId = author.id;
  const { t, short } = useI18n();
  const [dialog, setDialog] = useState<"ban" | "banAndReject" | null>(null);
  const [counted, setCounted] = useState<Rejectable | null>(null);
  const [busy, setBusy] = useState(false);
  const suspended = !author.bannedForever && author.bannedUntil !== null && Date.parse(author.bannedUntil) > Date.now();
  const banned = author.bannedForever || suspended;

  /** Reads the pages not yet shown, so that the confirmation can say how many comments it rejects. */
  const countRejectable = async () => {
    setCounted(null);
    let list = props.pages.comments;
    let cursor = props.pages.nextCursor;
    try {
      for (let page = 0; cursor && page < COUNT_PAGES; page++) {
        const res = await api.person(site.id, commenterId, { cursor, limit: COUNT_PAGE });
        list = [...list, ...res.comments];
        cursor = res.nextCursor;
      }
    } catch (err) {
      onFailure(err);
    }
    props.onPages(list, cursor);
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
      props.onDone();
    } catch (err) {
      onFailure(err);
    } finally {
      setBusy(false);
    }
  };

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

  // An erased person cannot comment again under this identity (their token is revoked): nothing to
  // ban or hold; what is left of them can still be exported.
  if (author.erasedAt) {
    return (
      // biome-ignore lint/a11y/useSemanticElements: a labelled group of controls laid out as a div; a fieldset would bring its border, padding and legend layout for the same group role
      <div class="person-actions" role="group" aria-label={t.personActions(name)}>
        <PersonDataActions site={site} author={author} onFailure={onFailure} onErased={props.onErased} />
      </div>
    );
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of controls laid out as a div; a fieldset would bring its border, padding and legend layout for the same group role
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
      <PersonDataActions site={site} author={author} onFailure={onFailure} onErased={props.onErased} />

      {dialog && (
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
    </div>
  );
}
