// A person's data, from their drawer, for the site's admins (moderators are refused by the API, so
// they are not offered it): "Export data" (GDPR Art. 15, 20: a download) and "Erase this person"
// (Art. 17), whose dialog says what goes and what stays and asks to type the person's name first.
import { useId, useState } from "preact/hooks";
import type { PersonResponse, StaffSiteView } from "../worker/schemas/admin-views";
import { ApiFailure } from "./api";
import { gdprApi, type ErasedCounts } from "./gdpr-api";
import { describeFailure, useI18n } from "./i18n";
import { Buttons, Dialog, FieldError } from "./modal";

/** Typed confirmations are compared without case, outer spaces or Unicode form differences. */
const same = (a: string, b: string) => a.trim().normalize("NFC").toLocaleLowerCase() === b.trim().normalize("NFC").toLocaleLowerCase();

/** The export link and the erase button, placed in the drawer's actions row. */
export function PersonDataActions(props: {
  site: StaffSiteView;
  author: PersonResponse["author"];
  onFailure: (err: unknown) => void;
  onErased: (counts: ErasedCounts) => void;
}) {
  const { t } = useI18n();
  const { site, author } = props;
  const [open, setOpen] = useState(false);
  // A staff member's replying identity is managed with their account; an erased person has nothing left to erase.
  if (site.role !== "admin" || author.staff) return null;
  const shownName = author.erasedAt ? t.erasedPerson : author.name;
  return (
    <>
      <a class="button-link" href={gdprApi.personExportUrl(site.id, author.id)} download title={t.personExportDataHint(shownName)}>
        {t.personExportData}
      </a>
      {!author.erasedAt && (
        <button type="button" class="danger" onClick={() => setOpen(true)}>
          {t.personErase}
        </button>
      )}
      {open && (
        <EraseDialog
          site={site}
          author={author}
          onFailure={props.onFailure}
          onClose={() => setOpen(false)}
          onErased={(counts) => {
            setOpen(false);
            props.onErased(counts);
          }}
        />
      )}
    </>
  );
}

export function EraseDialog(props: {
  site: StaffSiteView;
  author: PersonResponse["author"];
  onFailure: (err: unknown) => void;
  onClose: () => void;
  onErased: (counts: ErasedCounts) => void;
}) {
  const { t } = useI18n();
  const { site, author } = props;
  const id = useId();
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A blank name (an import without one) cannot be typed: the word ERASE / EFFACER stands for it.
  const expected = author.name.trim() ? author.name : t.eraseWord;
  const matches = same(typed, expected);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!matches || busy) return;
    setBusy(true);
    setError(null);
    try {
      props.onErased(await gdprApi.erase(site.id, author.id));
    } catch (err) {
      if (err instanceof ApiFailure && err.code === "commenter_is_staff") {
        setError(t.eraseStaffRefused);
      } else {
        setError(describeFailure(t, err));
        props.onFailure(err);
      }
      setBusy(false);
    }
  };

  return (
    <Dialog title={t.eraseTitle(author.name)} onClose={props.onClose} accent={site.color}>
      <form onSubmit={submit} noValidate>
        <p id={`${id}-what`}>{t.eraseWhat}</p>
        <p class="help erase-export">
          {t.eraseExportFirst}{" "}
          <a href={gdprApi.personExportUrl(site.id, author.id)} download>
            {t.personExportData}
          </a>
        </p>
        <div class="field">
          <label for={`${id}-typed`}>{author.name.trim() ? t.eraseTypeName(author.name) : t.eraseTypeWord(t.eraseWord)}</label>
          <input
            id={`${id}-typed`}
            type="text"
            value={typed}
            autoFocus
            autoComplete="off"
            spellcheck={false}
            aria-describedby={`${id}-what${error ? ` ${id}-error` : ""}`}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        </div>
        <FieldError id={`${id}-error`} text={error} />
        <Buttons>
          <button type="button" onClick={props.onClose}>
            {t.cancel}
          </button>
          {/* Off until the name is typed: the one safeguard against erasing the wrong person. */}
          <button type="submit" class="danger" disabled={!matches || busy}>
            {busy ? t.erasing : t.eraseConfirm}
          </button>
        </Buttons>
      </form>
    </Dialog>
  );
}
