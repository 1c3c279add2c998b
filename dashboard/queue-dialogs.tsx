// The dialog a queue has open, if any (reject, feature, ban, reply, story, shortcuts), wired to the
// queue's actions; and the person drawer opened from an item.
import type { StaffSiteView } from "../worker/schemas/admin-views";
import { BanDialog, FeatureDialog, ReplyDialog } from "./dialogs";
import { DecisionDialog } from "./dsa-dialogs";
import { RejectDialog } from "./ground-picker";
import { reasonOf } from "./grounds";
import { excerpt } from "./comment-text";
import { useI18n } from "./i18n";
import { ShortcutsDialog, StoryDialog } from "./story-dialogs";
import { PersonDrawer } from "./person-drawer";
import type { QueueActions } from "./use-queue-actions";
import type { QueueModel } from "./use-queue";

interface Props {
  actions: QueueActions;
  model: QueueModel;
  /** the member's sites: an item's site as the dialogs need it (name, colour, role) */
  sites: StaffSiteView[];
  staffName: string;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
}

export function QueueDialogs({ actions: a, model, sites, staffName, announce, onFailure }: Props) {
  const { t } = useI18n();
  const d = a.dialog;
  const siteOf = (id: string, fallback: { id: string; name: string; color: string }): StaffSiteView =>
    sites.find((s) => s.id === id) ?? { ...fallback, role: "moderator" };
  return (
    <>
      {d?.kind === "reject" && (
        <RejectDialog
          count={d.items.length}
          // A selection across sites (To answer, all sites) cannot name one site's clauses.
          site={new Set(d.items.map((i) => i.site.id)).size === 1 ? d.items[0]!.site.id : null}
          context={
            d.items.length === 1
              ? `${t.commentBy(d.items[0]!.author.name || t.erasedPerson)} — ${t.quoted(excerpt(d.items[0]!.comment.body, 140))}`
              : undefined
          }
          busy={a.dialogBusy}
          onConfirm={({ ground, explanation }) => {
            // The items leave at once; the dialog closes with them.
            a.closeDialog();
            void a.moderate("reject", d.items, { reason: reasonOf(ground), ground, ...(explanation ? { explanation } : {}) });
          }}
          onClose={a.closeDialog}
        />
      )}
      {d?.kind === "decision" && (
        <DecisionDialog
          item={d.item}
          outcome={d.outcome}
          busy={a.dialogBusy}
          error={a.dialogError}
          onDecide={({ ground, explanation }) => void a.decide(d.item, d.outcome, ground, explanation)}
          onClose={a.closeDialog}
        />
      )}
      {d?.kind === "feature" && (
        <FeatureDialog
          item={d.item}
          busy={a.dialogBusy}
          onFeature={(note) => void a.feature(d.item, note)}
          onUnfeature={() => void a.unfeature(d.item)}
          onClose={a.closeDialog}
        />
      )}
      {d?.kind === "ban" && (
        <BanDialog
          item={d.item}
          busy={a.dialogBusy}
          onBan={(duration, reason) => void a.ban(d.item, duration, reason)}
          onUnban={() => void a.ban(d.item, null)}
          onClose={a.closeDialog}
        />
      )}
      {d?.kind === "reply" && (
        <ReplyDialog
          item={d.item}
          site={siteOf(d.item.site.id, d.item.site)}
          staffName={staffName}
          busy={a.dialogBusy}
          error={a.dialogError}
          onSend={(body) => void a.reply(d.item, body)}
          onClose={a.closeDialog}
        />
      )}
      {d?.kind === "story" && (
        <StoryDialog
          story={d.item.story}
          busy={a.dialogBusy}
          error={a.dialogError}
          onSave={(change) => void a.updateStory(d.item, change)}
          onClose={a.closeDialog}
        />
      )}
      {d?.kind === "shortcuts" && <ShortcutsDialog onClose={a.closeDialog} />}
      {a.person && (
        <PersonDrawer
          site={siteOf(a.person.site.id, a.person.site)}
          commenterId={a.person.author.id}
          onClose={a.closePerson}
          announce={announce}
          onFailure={onFailure}
          onChanged={() => void model.reload(true)}
        />
      )}
    </>
  );
}
