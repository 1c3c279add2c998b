// A story's settings (comments open or closed, its own a priori rule, its page's URL and title)
// and the list of keyboard shortcuts: the queue's two dialogs that are not about one comment.
import { useId, useState } from "preact/hooks";
import type { StoryAdminView, StoryPremoderation } from "../worker/schemas/admin-views";
import type { StoryChange } from "./api";
import { Buttons, Dialog, FieldError } from "./modal";
import { useI18n } from "./i18n";

const STORY_STATUSES: StoryAdminView["status"][] = ["open", "closed"];
const STORY_PREMODERATION: StoryPremoderation[] = ["site", "on", "off"];

/** PATCH …/story also takes the page's URL and title (worker/schemas/stories.ts); null removes them. */
type StoryPageChange = StoryChange & { url?: string | null; title?: string | null };

export function StoryDialog(props: {
  story: StoryAdminView;
  busy: boolean;
  error: string | null;
  onSave: (change: StoryChange) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { story } = props;
  const [status, setStatus] = useState(story.status);
  const [premoderation, setPremoderation] = useState(story.premoderation);
  const [url, setUrl] = useState(story.url ?? "");
  const [title, setTitle] = useState(story.title ?? "");
  const errorId = useId();
  const urlHelpId = useId();
  return (
    <Dialog title={t.storySettingsTitle} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // Only what changed is sent (and recorded in the audit log); nothing changed: nothing to send.
          const newUrl = url.trim() || null;
          const newTitle = title.trim() || null;
          const change: StoryPageChange = {
            ...(status !== story.status ? { status } : {}),
            ...(premoderation !== story.premoderation ? { premoderation } : {}),
            ...(newUrl !== story.url ? { url: newUrl } : {}),
            ...(newTitle !== story.title ? { title: newTitle } : {}),
          };
          if (Object.keys(change).length) props.onSave(change);
          else props.onClose();
        }}
      >
        <p class="dialog-context">{story.title ?? story.key}</p>
        <fieldset>
          <legend>{t.storyCommentsLegend}</legend>
          {STORY_STATUSES.map((value) => (
            <label class="choice" key={value}>
              <input
                type="radio"
                name="story-status"
                checked={status === value}
                autoFocus={story.status === value}
                onChange={() => setStatus(value)}
              />{" "}
              {t.storyStatuses[value]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t.storyPremoderationLegend}</legend>
          {STORY_PREMODERATION.map((value) => (
            <label class="choice" key={value}>
              <input type="radio" name="story-premoderation" checked={premoderation === value} onChange={() => setPremoderation(value)} />{" "}
              {t.storyPremoderation[value]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t.storyPageStrings.legend}</legend>
          <label class="field">
            <span>{t.storyPageStrings.url}</span>
            <input
              type="url"
              value={url}
              maxLength={2048}
              aria-describedby={`${urlHelpId} ${errorId}`}
              onInput={(e) => setUrl(e.currentTarget.value)}
            />
          </label>
          <p id={urlHelpId} class="help">
            {t.storyPageStrings.urlHelp}
          </p>
          <label class="field">
            <span>{t.storyPageStrings.title}</span>
            <input type="text" value={title} maxLength={300} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
        </fieldset>
        <FieldError id={errorId} text={props.error} />
        <Buttons>
          <button type="button" onClick={props.onClose}>
            {t.cancel}
          </button>
          <button type="submit" class="primary" disabled={props.busy}>
            {props.busy ? t.working : t.storySave}
          </button>
        </Buttons>
      </form>
    </Dialog>
  );
}

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t.shortcutsTitle} onClose={onClose}>
      <p class="help">{t.shortcutsHelp}</p>
      <table class="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t.shortcutKey}</th>
            <th scope="col">{t.shortcutAction}</th>
          </tr>
        </thead>
        <tbody>
          {t.shortcuts.map(([key, action]) => (
            <tr key={key}>
              <td>
                <kbd>{key}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Buttons>
        <button type="button" class="primary" autoFocus onClick={onClose}>
          {t.close}
        </button>
      </Buttons>
    </Dialog>
  );
}
