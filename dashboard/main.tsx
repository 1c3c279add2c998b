// The staff dashboard's entry: the language, who is signed in, and the sign-in screen or the shell.
import { type JSX, render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { SessionResponse } from "../worker/schemas/admin-views";
import { api, ApiFailure } from "./api";
import { describeFailure, I18nContext, makeI18n, type Locale } from "./i18n";
import { Header } from "./header";
import { Shell } from "./shell";
import { SignIn } from "./sign-in";
import { InvitationPage } from "./team-invitation";
import { invitationToken } from "./team-link";

const LOCALE_KEY = "palabre.admin.locale";

function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  if (saved === "fr" || saved === "en") return saved;
  return navigator.language.toLowerCase().startsWith("fr") ? "fr" : "en";
}

function App() {
  const [locale, setLocale] = useState(initialLocale);
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  const { t } = i18n;
  /** undefined while asking the API who is signed in */
  const [session, setSession] = useState<SessionResponse | null | undefined>(undefined);
  const [notice, setNotice] = useState<"signedOut" | "sessionEnded" | null>(null);
  const [bootError, setBootError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  // An invitation link is opened by someone who may have no session, or another one (an admin
  // testing the link): its page comes first, whoever is signed in.
  const [invitation, setInvitation] = useState(() => invitationToken(location.hash));

  useEffect(() => {
    document.documentElement.lang = locale;
    if (!session) document.title = `${t.appName} — ${t.staffArea}`;
  }, [locale, session]);

  useEffect(() => {
    setBootError(null);
    api.session().then(setSession, (err) => {
      if (err instanceof ApiFailure && err.status === 401) setSession(null);
      else setBootError(err);
    });
  }, [attempt]);

  const chooseLocale = (next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    setLocale(next);
  };

  let body: JSX.Element;
  if (invitation) {
    body = (
      <>
        <Header locale={locale} onLocale={chooseLocale} />
        <InvitationPage
          token={invitation}
          onSignedIn={(s) => {
            setInvitation(null);
            setNotice(null);
            setSession(s);
          }}
        />
      </>
    );
  } else if (session) {
    body = (
      <Shell
        session={session}
        locale={locale}
        onLocale={chooseLocale}
        onSession={setSession}
        onSignedOut={(why) => {
          setNotice(why);
          setSession(null);
        }}
      />
    );
  } else {
    body = (
      <>
        <Header locale={locale} onLocale={chooseLocale} />
        {session === null ? (
          <SignIn
            notice={notice && t[notice]}
            onSignedIn={(s) => {
              setNotice(null);
              setSession(s);
            }}
          />
        ) : (
          <main id="main" class="sign-in">
            {bootError ? (
              <div class="error-box" role="alert">
                <p>{describeFailure(t, bootError)}</p>
                <button type="button" onClick={() => setAttempt((n) => n + 1)}>
                  {t.retry}
                </button>
              </div>
            ) : (
              <p class="muted">{t.loading}</p>
            )}
          </main>
        )}
      </>
    );
  }

  return <I18nContext.Provider value={i18n}>{body}</I18nContext.Provider>;
}

render(<App />, document.getElementById("app")!);
