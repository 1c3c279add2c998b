// A site's team, for its admins (#/{site}/team): the site's identity (name, origins, language,
// colour), the members with their role (changed in place) and removal after a confirmation, the
// invitation form and the pending invitations. The API keeps the last admin; its refusal is shown.
import { useEffect, useId, useState } from "preact/hooks";
import type { StaffRole, StaffSiteView } from "../worker/schemas/admin-views";
import type { MemberView, TeamResponse } from "../worker/schemas/teams";
import { ApiFailure } from "./api";
import { useI18n } from "./i18n";
import { LoadFailed } from "./list-parts";
import { Dialog } from "./modal";
import { teamApi, teamFailure, teamStrings } from "./team-api";
import { SiteIdentityForm } from "./team-sites";

interface Props {
  site: StaffSiteView;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
  onSiteChanged: (site: { id: string; name: string; color: string }) => void;
}

const ROLES: StaffRole[] = ["admin", "moderator"];

export function TeamScreen({ site, announce, onFailure, onSiteChanged }: Props) {
  const i18n = useI18n();
  const t = teamStrings[i18n.locale];
  const [team, setTeam] = useState<TeamResponse | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<StaffRole>("moderator");
  const [busy, setBusy] = useState(false);
  const ids = { email: useId(), role: useId(), error: useId() };

  const load = async () => {
    try {
      setTeam(await teamApi.team(site.id));
      setLoadError(null);
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return onFailure(err);
      setLoadError(teamFailure(t, err, i18n.t.errors.unknown ?? ""));
    }
  };
  useEffect(() => {
    if (site.role === "admin") void load();
  }, [site.id, site.role]);

  /** Runs a change; a refusal shows above the lists, a 401 ends the session. */
  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      announce(await run());
      await load();
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return onFailure(err);
      setError(teamFailure(t, err, i18n.t.errors.unknown ?? ""));
    } finally {
      setBusy(false);
    }
  };

  // The address typed by a moderator: the API would refuse every part of the screen, so say why
  // instead of showing forms that cannot work.
  if (site.role !== "admin") {
    return (
      <section class="team-screen">
        <h1>{t.teamHeading}</h1>
        <p class="panel notice">{t.teamAdminsOnly}</p>
      </section>
    );
  }

  return (
    <section class="team-screen">
      <h1>{t.teamHeading}</h1>
      <p class="help">{t.teamIntro}</p>
      <SiteIdentityForm site={site} announce={announce} onFailure={onFailure} onSiteChanged={onSiteChanged} />
      {error && (
        <p class="error-box" role="alert" id={ids.error}>
          {error}
        </p>
      )}
      {loadError && <LoadFailed message={loadError} onRetry={() => void load()} />}
      {team && (
        <>
          <h2 id="members-title">{t.membersHeading}</h2>
          {/* Four columns do not fit a phone: the table scrolls in its frame, never the page. The frame
              is positioned so that the hidden header text (absolute) stays inside it too. */}
          <div class="table-wrap" style={{ position: "relative" }}>
            <table class="team-members" aria-labelledby="members-title">
              <thead>
                <tr>
                  <th scope="col">{t.memberName}</th>
                  <th scope="col">{t.memberEmail}</th>
                  <th scope="col">{t.memberRole}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t.memberRemove}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {team.members.map((m) => {
                  // The API refuses to leave a site without an admin (409 last_admin): the last
                  // one's role and removal are not offered at all.
                  const lastAdmin = m.role === "admin" && team.members.filter((o) => o.role === "admin").length === 1;
                  return (
                    <tr key={m.id}>
                      <th scope="row">
                        {m.name} {m.you && t.memberYou}
                      </th>
                      <td>{m.email}</td>
                      <td>
                        <select
                          aria-label={`${t.memberRole} — ${m.name}`}
                          value={m.role}
                          disabled={busy || lastAdmin}
                          title={lastAdmin ? t.lastAdminHint : undefined}
                          onChange={(e) => {
                            const next = e.currentTarget.value as StaffRole;
                            void act(async () => {
                              await teamApi.setRole(site.id, m.id, next);
                              return t.roleChanged(m.name, t.roles[next] ?? next);
                            });
                          }}
                        >
                          {ROLES.map((r) => (
                            <option value={r}>{t.roles[r]}</option>
                          ))}
                        </select>
                      </td>
                      <td>
                        {lastAdmin ? (
                          <span class="muted">{t.lastAdminHint}</span>
                        ) : (
                          <button type="button" class="danger" disabled={busy} onClick={() => setRemoving(m)}>
                            {t.memberRemove}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          <h2>{t.pendingHeading}</h2>
          {team.invitations.length === 0 ? (
            <p class="help">{t.pendingNone}</p>
          ) : (
            <ul class="team-invitations">
              {team.invitations.map((inv) => (
                <li key={inv.id}>
                  {inv.email} — {t.roles[inv.role]} — {t.pendingExpires} {i18n.short.format(new Date(inv.expiresAt))}{" "}
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() =>
                      void act(async () => {
                        await teamApi.withdraw(site.id, inv.id);
                        return t.withdrawn(inv.email);
                      })
                    }
                  >
                    {t.pendingWithdraw}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      <form
        class="panel team-invite"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const to = email.trim();
          if (!to) return;
          void act(async () => {
            await teamApi.invite(site.id, to, role);
            setEmail("");
            return t.invited(to);
          });
        }}
      >
        <h2>{t.inviteHeading}</h2>
        <p class="help">{t.inviteHint}</p>
        <div class="field">
          <label for={ids.email}>{t.inviteEmail}</label>
          <input id={ids.email} type="email" autoComplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.role}>{t.inviteRole}</label>
          <select id={ids.role} value={role} onChange={(e) => setRole(e.currentTarget.value as StaffRole)}>
            {ROLES.map((r) => (
              <option value={r}>{t.roles[r]}</option>
            ))}
          </select>
        </div>
        <p class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {t.inviteSend}
          </button>
        </p>
      </form>

      {removing && (
        <Dialog title={t.memberRemoveConfirm(removing.name)} onClose={() => setRemoving(null)}>
          <div class="dialog-buttons">
            <button type="button" autoFocus onClick={() => setRemoving(null)}>
              {i18n.t.cancel}
            </button>
            <button
              type="button"
              class="danger"
              disabled={busy}
              onClick={() => {
                const m = removing;
                setRemoving(null);
                void act(async () => {
                  await teamApi.remove(site.id, m.id);
                  return t.memberRemoved(m.name);
                });
              }}
            >
              {t.memberRemove}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
