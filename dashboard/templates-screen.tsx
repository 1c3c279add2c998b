// A site's reply templates ("réponses types"): list, add, edit, delete (after a confirmation). The
// API's validation messages show beside their field; the answer box inserts the first nine by key.
import type { ComponentChildren } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import type { ReplyTemplate, StaffSiteView } from "../worker/schemas/admin-views";
import { api, ApiFailure, type TemplateFields } from "./api";
import { Dialog } from "./modal";
import { describeFailure, useI18n } from "./i18n";
import { LoadFailed } from "./list-parts";

const TITLE_MAX = 80;
const BODY_MAX = 5000;

interface Props {
  site: StaffSiteView;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
}

type FieldErrors = Partial<Record<keyof TemplateFields, string>>;

function TemplateForm(props: {
  initial: TemplateFields;
  submitLabel: string;
  onSave: (fields: TemplateFields) => Promise<FieldErrors | null>;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const [fields, setFields] = useState(props.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), titleError: useId(), body: useId(), bodyError: useId(), count: useId() };
  const length = [...fields.body].length;

  const check = (f: TemplateFields): FieldErrors => ({
    ...(!f.title.trim()
      ? { title: t.templateTitleRequired }
      : f.title.trim().length > TITLE_MAX
        ? { title: t.templateTooLong(TITLE_MAX) }
        : {}),
    ...(!f.body.trim() ? { body: t.templateBodyRequired } : [...f.body].length > BODY_MAX ? { body: t.templateTooLong(BODY_MAX) } : {}),
  });

  const field = (key: keyof TemplateFields, label: string, input: ComponentChildren, errorId: string) => (
    <div class={errors[key] ? "field invalid" : "field"}>
      <label for={ids[key]}>{label}</label>
      {input}
      {errors[key] && (
        <p id={errorId} class="field-error">
          {errors[key]}
        </p>
      )}
    </div>
  );

  return (
    <form
      class="template-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const found = check(fields);
        setErrors(found);
        if (Object.keys(found).length) return;
        setBusy(true);
        const refused = await props.onSave({ title: fields.title.trim(), body: fields.body });
        setBusy(false);
        if (refused) setErrors(refused);
        else if (!props.onCancel) setFields({ title: "", body: "" });
      }}
    >
      {field(
        "title",
        t.templateTitle,
        <input
          id={ids.title}
          type="text"
          value={fields.title}
          maxLength={TITLE_MAX}
          aria-invalid={Boolean(errors.title)}
          aria-describedby={errors.title ? ids.titleError : undefined}
          onInput={(e) => setFields({ ...fields, title: e.currentTarget.value })}
        />,
        ids.titleError,
      )}
      {field(
        "body",
        t.templateBody,
        <textarea
          id={ids.body}
          rows={5}
          value={fields.body}
          aria-invalid={Boolean(errors.body)}
          aria-describedby={`${ids.count}${errors.body ? ` ${ids.bodyError}` : ""}`}
          onInput={(e) => setFields({ ...fields, body: e.currentTarget.value })}
        />,
        ids.bodyError,
      )}
      <p id={ids.count} class={length > BODY_MAX ? "counter over" : "counter"}>
        {t.counter(length, BODY_MAX)}
      </p>
      <div class="form-actions">
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {t.cancel}
          </button>
        )}{" "}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.working : props.submitLabel}
        </button>
      </div>
    </form>
  );
}

export function TemplatesScreen({ site, announce, onFailure }: Props) {
  const { t } = useI18n();
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<ReplyTemplate | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const load = async () => {
    try {
      const { data } = await api.templates(site.id);
      setTemplates(data.templates);
      setLoadError(null);
    } catch (err) {
      setLoadError(describeFailure(t, err));
      onFailure(err);
    }
  };
  useEffect(() => {
    setTemplates(null);
    setEditing(null);
    void load();
  }, [site.id, attempt]);

  /** Sends a template; the API's refusals come back as messages per field. */
  const save = async (work: () => Promise<unknown>, done: string): Promise<FieldErrors | null> => {
    try {
      await work();
      announce(done);
      setEditing(null);
      await load();
      return null;
    } catch (err) {
      if (err instanceof ApiFailure && err.issues.length) {
        const errors: FieldErrors = {};
        for (const issue of err.issues) {
          const key = issue.path[0];
          if (key === "title" || key === "body") errors[key] = t.issueMessages[issue.code] ?? issue.message;
        }
        if (Object.keys(errors).length) return errors;
      }
      onFailure(err);
      return {};
    }
  };

  const remove = async (template: ReplyTemplate) => {
    setBusy(true);
    try {
      await api.deleteTemplate(site.id, template.id);
      setDeleting(null);
      announce(t.templateDeleted);
      await load();
    } catch (err) {
      onFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div class="screen-head">
        <h1>{t.templatesHeading(site.name)}</h1>
      </div>
      <p class="help intro">{t.templatesIntro}</p>
      {loadError && <LoadFailed message={loadError} onRetry={() => setAttempt((n) => n + 1)} />}
      {!templates && !loadError && <p class="muted">{t.loading}</p>}
      {templates && templates.length === 0 && <p class="panel empty">{t.templatesEmpty}</p>}
      {templates && templates.length > 0 && (
        <ol class="templates-list">
          {templates.map((tpl, index) => (
            <li key={tpl.id} class="panel template-card">
              {editing === tpl.id ? (
                <TemplateForm
                  initial={{ title: tpl.title, body: tpl.body }}
                  submitLabel={t.templateSave}
                  onSave={(fields) => save(() => api.saveTemplate(site.id, tpl.id, fields), t.templateSaved)}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <>
                  <h2>
                    {index < 9 && <kbd title={`Alt+${index + 1}`}>Alt+{index + 1}</kbd>} {tpl.title}
                  </h2>
                  <p class="template-body">{tpl.body}</p>
                  <div class="actions">
                    <button type="button" onClick={() => setEditing(tpl.id)}>
                      {t.templateEdit}
                    </button>
                    <button type="button" class="danger" onClick={() => setDeleting(tpl)}>
                      {t.templateDelete}
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {templates && (
        <section class="panel" aria-labelledby="new-template">
          <h2 id="new-template">{t.templateNew}</h2>
          <TemplateForm
            initial={{ title: "", body: "" }}
            submitLabel={t.templateAdd}
            onSave={(fields) => save(() => api.addTemplate(site.id, fields), t.templateAdded)}
          />
        </section>
      )}
      {deleting && (
        <Dialog title={t.templateDeleteConfirm(deleting.title)} onClose={() => setDeleting(null)}>
          <p class="dialog-context">{t.templateDeleteHelp}</p>
          <div class="dialog-buttons">
            <button type="button" autoFocus onClick={() => setDeleting(null)}>
              {t.cancel}
            </button>
            <button type="button" class="danger" disabled={busy} onClick={() => void remove(deleting)}>
              {busy ? t.working : t.templateDelete}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
