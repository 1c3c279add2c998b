// The invitation page (#/invitation/{token}), shown instead of the sign-in: what the link is for,
// then the invitee's name (a new account) and password; accepting signs them in.
import { useEffect, useId, useState } from "preact/hooks";
import type { SessionResponse } from "../worker/schemas/admin-views";
import type { InvitationInspectResponse } from "../worker/schemas/teams";
import { useI18n } from "./i18n";
import { teamApi, teamFailure, teamStrings } from "./team-api";

const PASSWORD_MIN = 10;

export function InvitationPage(props: { token: string; onSignedIn: (session: SessionResponse) => void }) {
  const { locale } = useI18n();
  const t = teamStrings[locale];
  const [invitation, setInvitation] = useState<InvitationInspectResponse | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), password: useId(), again: useId(), error: useId() };

  useEffect(() => {
    teamApi.inspect(props.token).then(setInvitation, (err) => setFatal(teamFailure(t, err, t.errors.invitation_invalid!)));
  }, [props.token]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (invitation && !invitation.account && !name.trim()) return setError(t.acceptNameRequired);
    if ([...password].length < PASSWORD_MIN) return setError(t.acceptTooShort);
    if (password !== again) return setError(t.acceptMismatch);
    setBusy(true);
    setError(null);
    try {
      const session = await teamApi.accept(props.token, password, invitation?.account ? undefined : name.trim());
      // The token is spent: out of the address bar and the history.
      history.replaceState(null, "", "#/");
      props.onSignedIn(session);
    } catch (err) {
      setError(teamFailure(t, err, t.errors.invitation_invalid!));
    } finally {
      setBusy(false);
    }
  };

  const described = error ? ids.error : undefined;
  return (
    <main id="main" class="sign-in">
      <form class="panel" onSubmit={submit} aria-labelledby="invitation-title" noValidate>
        <h1 id="invitation-title">{t.acceptHeading}</h1>
        {fatal && (
          <>
            <p class="error-box" role="alert">
              {fatal}
            </p>
            {/* The dashboard without the link's address: a full load, to the sign-in (or one's sites). */}
            <p>
              <a href={location.pathname}>{t.acceptSignIn}</a>
            </p>
          </>
        )}
        {invitation && (
          <>
            <p class="help">{t.acceptIntro(invitation.site.name, t.roles[invitation.role] ?? invitation.role)}</p>
            <p class="help">{invitation.email}</p>
            {invitation.account && <p class="notice">{t.acceptExisting}</p>}
            {error && (
              <p class="error-box" role="alert" id={ids.error}>
                {error}
              </p>
            )}
            {!invitation.account && (
              <div class="field">
                <label for={ids.name}>{t.acceptName}</label>
                <input
                  id={ids.name}
                  type="text"
                  autoComplete="name"
                  maxLength={60}
                  value={name}
                  aria-describedby={described}
                  onInput={(e) => setName(e.currentTarget.value)}
                />
              </div>
            )}
            <input type="email" hidden autoComplete="username" value={invitation.email} readOnly />
            <div class="field">
              <label for={ids.password}>{t.acceptPassword}</label>
              <input
                id={ids.password}
                type="password"
                autoComplete="new-password"
                value={password}
                aria-describedby={described}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for={ids.again}>{t.acceptPasswordAgain}</label>
              <input
                id={ids.again}
                type="password"
                autoComplete="new-password"
                value={again}
                aria-describedby={described}
                onInput={(e) => setAgain(e.currentTarget.value)}
              />
            </div>
            <p class="form-actions">
              <button type="submit" class="primary" disabled={busy}>
                {t.acceptSubmit}
              </button>
            </p>
          </>
        )}
      </form>
    </main>
  );
}
