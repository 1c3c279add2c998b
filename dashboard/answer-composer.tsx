// The inline answer box of the To answer queue: it names the site it publishes on, in its colour (as
// the reply dialog does), lists the site's reply templates (Alt+1…Alt+9 insert one at the cursor,
// `{name}` becoming the person answered), publishes on Ctrl/⌘+Enter and closes on Escape.
import { useEffect, useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { QueueItem, ReplyTemplate } from "../worker/schemas/admin-views";
import { api } from "./api";
import { textOn } from "./colour";
import { useI18n } from "./i18n";
import { KeyHint } from "./key-hint";
import { routeHash } from "./route";

interface Props {
  item: QueueItem;
  staffName: string;
  busy: boolean;
  /** why publishing failed (the box stays open with what was typed) */
  error: string | null;
  onSend: (body: string) => void;
  onClose: () => void;
  announce: (text: string) => void;
}

/** A template's text for this person: `{name}` becomes their name. */
export const fillTemplate = (body: string, name: string) => body.replaceAll("{name}", name);

export function AnswerComposer({ item, staffName, busy, error, onSend, onClose, announce }: Props) {
  const { t } = useI18n();
  const site = item.site;
  const [body, setBody] = useState("");
  const [empty, setEmpty] = useState(false);
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  /** where to put the caret once an inserted template has rendered */
  const caret = useRef<number | null>(null);
  const ids = { label: useId(), help: useId(), error: useId(), templates: useId() };
  const shownError = empty ? t.replyEmpty : error;

  useEffect(() => {
    area.current?.focus();
    let current = true;
    api.templates(site.id).then(
      (res) => current && setTemplates(res.data.templates),
      () => current && setTemplates([]), // the box works without them
    );
    return () => {
      current = false;
    };
  }, [site.id]);

  useLayoutEffect(() => {
    if (caret.current === null || !area.current) return;
    area.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  });

  const insert = (template: ReplyTemplate) => {
    const el = area.current;
    const text = fillTemplate(template.body, item.author.name);
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + text + body.slice(end));
    setEmpty(false);
    caret.current = start + text.length;
    el?.focus();
    announce(t.templateInserted(template.title));
  };

  const send = () => {
    if (busy) return;
    if (!body.trim()) return setEmpty(true);
    onSend(body);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    } else if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-9]$/.test(e.code)) {
      // e.code, not e.key: Alt+digit types other characters on many layouts (Mac, AZERTY).
      const template = templates?.[Number(e.code.slice(5)) - 1];
      if (!template) return;
      e.preventDefault();
      insert(template);
    }
  };

  return (
    <form
      class="composer"
      style={{ borderColor: site.color }}
      aria-labelledby={ids.label}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <p class="replying-as" style={{ borderLeftColor: site.color }}>
        <span class="swatch" style={{ background: site.color }} aria-hidden="true" />
        <strong id={ids.label}>{t.replyingAs(staffName, site.name)}</strong>
      </p>
      <label class="field">
        <span class="visually-hidden">{t.composerLabel}</span>
        <textarea
          ref={area}
          rows={4}
          value={body}
          aria-invalid={Boolean(shownError)}
          aria-describedby={`${ids.help} ${ids.templates}${shownError ? ` ${ids.error}` : ""}`}
          onInput={(e) => {
            setBody(e.currentTarget.value);
            setEmpty(false);
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      <p id={ids.help} class="help">
        {t.composerHelp}
      </p>
      {shownError && (
        <p id={ids.error} class="field-error" role="alert">
          {shownError}
        </p>
      )}
      <div class="templates" id={ids.templates}>
        <span class="label">{t.colon(t.composerTemplates)}</span>
        {templates && templates.length === 0 && <span class="muted"> {t.noTemplates}</span>}
        {templates && templates.length > 0 && (
          <ol>
            {templates.slice(0, 9).map((tpl, i) => (
              <li key={tpl.id}>
                <button type="button" class="template" aria-label={t.insertTemplate(tpl.title)} onClick={() => insert(tpl)}>
                  <KeyHint>Alt+{i + 1}</KeyHint> {tpl.title}
                </button>
              </li>
            ))}
          </ol>
        )}
        <a href={routeHash({ site: site.id, view: "templates", queue: "pending" })}>{t.manageTemplates}</a>
      </div>
      <div class="dialog-buttons">
        <button type="button" onClick={onClose}>
          {t.cancel} <KeyHint>Esc</KeyHint>
        </button>
        <button
          type="submit"
          class="primary site-coloured"
          style={{ background: site.color, borderColor: site.color, color: textOn(site.color) }}
          disabled={busy}
        >
          {busy ? t.working : t.replyPublish(site.name)}
        </button>
      </div>
    </form>
  );
}
