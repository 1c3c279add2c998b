// My sites (#/all/sites): the sites one works on with one's role, an owner's form to create a site
// (they become its admin), and one's own password. SiteIdentityForm is also the team screen's.
import type { ComponentChildren } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import type { StaffSiteView } from "../worker/schemas/admin-views";
import type { TeamSitesResponse, TeamSiteView } from "../worker/schemas/teams";
import { ApiFailure } from "./api";
import { useI18n } from "./i18n";
import { LoadFailed } from "./list-parts";
import { teamApi, teamFailure, teamStrings, type SiteFields } from "./team-api";

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

function Field(props: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  const hintId = `${props.id}-hint`;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <p class="help" id={hintId}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** Name, origins, language and colour: a new site's (with its id) or an existing one's. */
function SiteFieldsForm(props: {
  initial: SiteFields & { id?: string };
  withId: boolean;
  submitLabel: string;
  onSave: (fields: SiteFields & { id: string }) => Promise<void>;
}) {
  const i18n = useI18n();
  const t = teamStrings[i18n.locale];
  const [id, setId] = useState(props.initial.id ?? "");
  const [name, setName] = useState(props.initial.name);
  const [origins, setOrigins] = useState(props.initial.allowedOrigins.join("\n"));
  const [language, setLanguage] = useState(props.initial.language);
  const [color, setColor] = useState(props.initial.color);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { id: useId(), name: useId(), origins: useId(), language: useId(), color: useId(), error: useId() };

  return (
    <form
      class="panel site-form"
      noValidate
      aria-describedby={error ? ids.error : undefined}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await props.onSave({ id: id.trim(), name: name.trim(), allowedOrigins: lines(origins), language, color });
        } catch (err) {
          setError(teamFailure(t, err, i18n.t.errors.unknown ?? ""));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && (
        <p class="error-box" role="alert" id={ids.error}>
          {error}
        </p>
      )}
      {props.withId && (
        <Field id={ids.id} label={t.siteId} hint={t.siteIdHint}>
          <input
            id={ids.id}
            type="text"
            value={id}
            pattern="[a-z0-9][a-z0-9-]*"
            maxLength={63}
            aria-describedby={`${ids.id}-hint`}
            onInput={(e) => setId(e.currentTarget.value)}
          />
        </Field>
      )}
      <Field id={ids.name} label={t.siteName}>
        <input id={ids.name} type="text" value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field id={ids.origins} label={t.siteOrigins} hint={t.siteOriginsHint}>
        <textarea
          id={ids.origins}
          rows={3}
          value={origins}
          aria-describedby={`${ids.origins}-hint`}
          onInput={(e) => setOrigins(e.currentTarget.value)}
        />
      </Field>
      <Field id={ids.language} label={t.siteLanguage}>
        <select id={ids.language} value={language} onChange={(e) => setLanguage(e.currentTarget.value as "fr" | "en")}>
          {(["fr", "en"] as const).map((l) => (
            <option value={l}>{t.languages[l]}</option>
          ))}
        </select>
      </Field>
      <Field id={ids.color} label={t.siteColor}>
        <input id={ids.color} type="color" value={color} onInput={(e) => setColor(e.currentTarget.value)} />
      </Field>
      <p class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {props.submitLabel}
        </button>
      </p>
    </form>
  );
}

/** The team screen's identity section: loads the site's identity, saves only what changed. */
export function SiteIdentityForm(props: {
  site: StaffSiteView;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
  onSiteChanged: (site: { id: string; name: string; color: string }) => void;
}) {
  const i18n = useI18n();
  const t = teamStrings[i18n.locale];
  const [current, setCurrent] = useState<TeamSiteView | null>(null);
  useEffect(() => {
    teamApi.sites().then(
      (r) => setCurrent(r.sites.find((s) => s.id === props.site.id) ?? null),
      (err) => props.onFailure(err),
    );
  }, [props.site.id]);
  if (!current) return null;
  return (
    <section aria-labelledby="identity-title">
      <h2 id="identity-title">{t.identityHeading}</h2>
      <SiteFieldsForm
        key={current.id}
        initial={current}
        withId={false}
        submitLabel={t.identitySave}
        onSave={async (f) => {
          const { site } = await teamApi.saveIdentity(current.id, {
            name: f.name,
            allowedOrigins: f.allowedOrigins,
            language: f.language,
            color: f.color,
          });
          setCurrent(site);
          props.onSiteChanged({ id: site.id, name: site.name, color: site.color });
          props.announce(t.identitySaved);
        }}
      />
    </section>
  );
}

function PasswordForm(props: { announce: (text: string) => void }) {
  const i18n = useI18n();
  const t = teamStrings[i18n.locale];
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { current: useId(), next: useId(), error: useId() };
  return (
    <form
      class="panel password-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if ([...next].length < 10) return setError(t.acceptTooShort);
        setBusy(true);
        setError(null);
        try {
          await teamApi.changePassword(current, next);
          setCurrent("");
          setNext("");
          props.announce(t.passwordChanged);
        } catch (err) {
          setError(teamFailure(t, err, i18n.t.errors.unknown ?? ""));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2>{t.passwordHeading}</h2>
      {error && (
        <p class="error-box" role="alert" id={ids.error}>
          {error}
        </p>
      )}
      <Field id={ids.current} label={t.passwordCurrent}>
        <input
          id={ids.current}
          type="password"
          autoComplete="current-password"
          value={current}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
      </Field>
      <Field id={ids.next} label={t.passwordNew}>
        <input id={ids.next} type="password" autoComplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />
      </Field>
      <p class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {t.passwordSave}
        </button>
      </p>
    </form>
  );
}

/** The member's sites, an owner's creation form, and their own password. */
export function SitesScreen(props: { announce: (text: string) => void; onFailure: (err: unknown) => void; onSitesChanged: () => void }) {
  const i18n = useI18n();
  const t = teamStrings[i18n.locale];
  const [data, setData] = useState<TeamSitesResponse | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // A new key empties the creation form once a site is created.
  const [created, setCreated] = useState(0);
  const load = async () => {
    try {
      setData(await teamApi.sites());
      setLoadError(null);
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return props.onFailure(err);
      setLoadError(teamFailure(t, err, i18n.t.errors.unknown ?? ""));
    }
  };
  useEffect(() => void load(), []);
  return (
    <section class="sites-screen">
      <h1>{t.sitesHeading}</h1>
      <p class="help">{t.sitesIntro}</p>
      {loadError && <LoadFailed message={loadError} onRetry={() => void load()} />}
      {data && (
        <ul class="team-sites">
          {data.sites.map((s) => (
            <li key={s.id}>
              <span class="site-swatch" style={{ background: s.color }} aria-hidden="true" /> {s.name} ({s.id}) — {t.roles[s.role]}
            </li>
          ))}
        </ul>
      )}
      {data?.owner && (
        <section aria-labelledby="site-create-title">
          <h2 id="site-create-title">{t.siteCreateHeading}</h2>
          <SiteFieldsForm
            key={created}
            initial={{ id: "", name: "", allowedOrigins: [], language: i18n.locale, color: "#3b5bdb" }}
            withId
            submitLabel={t.siteCreate}
            onSave={async (f) => {
              const { site } = await teamApi.createSite(f);
              props.announce(t.siteCreated(site.name));
              setCreated((n) => n + 1);
              await load();
              props.onSitesChanged();
            }}
          />
        </section>
      )}
      <PasswordForm announce={props.announce} />
    </section>
  );
}
