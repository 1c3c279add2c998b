// The sign-in screen: email and password; refusals (wrong credentials, too many attempts) in words.
import { useState } from "preact/hooks";
import type { SessionResponse } from "../worker/schemas/admin-views";
import { api, ApiFailure } from "./api";
import { describeFailure, useI18n } from "./i18n";

interface Props {
  /** why the person is here again (session ended, signed out), shown above the form */
  notice: string | null;
  onSignedIn: (session: SessionResponse) => void;
}

export function SignIn({ notice, onSignedIn }: Props) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!email.trim() || !password) return setError(t.fillBoth);
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signIn(email.trim(), password));
    } catch (err) {
      setPassword("");
      if (err instanceof ApiFailure && err.code === "invalid_credentials") setError(t.invalidCredentials);
      else if (err instanceof ApiFailure && (err.code === "too_many_attempts" || err.status === 429)) {
        setError(t.tooManyAttempts(err.retryAfter));
      } else setError(describeFailure(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <form class="panel" onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">{t.signInTitle}</h1>
        <p class="help">{t.signInIntro}</p>
        {notice && !error && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p class="error-box" role="alert" id="sign-in-error">
            {error}
          </p>
        )}
        <div class="field">
          <label for="email">{t.email}</label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            autoFocus
            value={email}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "sign-in-error" : undefined}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="password">{t.password}</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "sign-in-error" : undefined}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <p class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t.signingIn : t.signIn}
          </button>
        </p>
      </form>
    </main>
  );
}
