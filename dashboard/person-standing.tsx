// A person's standing in their drawer: banned, suspended (until when, why), pre-moderated, or in
// good standing; and their counts. Above them, who they are (PersonMeta).
import type { PersonResponse } from "../worker/schemas/admin-views";
import { useI18n } from "./i18n";

/** Under the name: guest, signed-in or staff; the site's email for a signed-in reader; since when (and erased when). */
export function PersonMeta({ author }: { author: PersonResponse["author"] }) {
  const { t, locale } = useI18n();
  const day = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(new Date(iso));
  return (
    <p class="person-meta">
      <span class={author.kind === "sso" ? "badge kind-sso" : "badge kind-guest"}>
        {author.staff ? t.staffBadge : author.kind === "sso" ? t.personSso : t.personGuest}
      </span>
      {author.email && <span class="person-email">{author.email}</span>}
      <span>{t.personSince(day(author.createdAt))}</span>
      {author.erasedAt && <span class="badge erased">{t.erasedOn(day(author.erasedAt))}</span>}
    </p>
  );
}

export function PersonStanding({ author }: { author: PersonResponse["author"] }) {
  const { t, short } = useI18n();
  const suspended = !author.bannedForever && author.bannedUntil !== null && Date.parse(author.bannedUntil) > Date.now();
  const banned = author.bannedForever || suspended;
  const untilText = author.bannedUntil ? short.format(new Date(author.bannedUntil)) : "";
  return (
    <>
      <ul class="person-state" aria-label={t.personStanding}>
        {author.bannedForever && (
          <li class="state bad">
            <strong>{t.bannedForever}</strong>
            {author.banReason && <span> — {t.banReasonShown(author.banReason)}</span>}
          </li>
        )}
        {suspended && (
          <li class="state bad">
            <strong>{t.suspendedUntil(untilText)}</strong>
            {author.banReason && <span> — {t.banReasonShown(author.banReason)}</span>}
          </li>
        )}
        {author.premoderated && (
          <li class="state warn">
            <strong>{t.personPremoderated}</strong>
          </li>
        )}
        {author.erasedAt && (
          <li class="state warn">
            <strong>{t.erasedStanding}</strong>
          </li>
        )}
        {!banned && !author.premoderated && !author.erasedAt && <li class="state ok">{t.personInGoodStanding}</li>}
      </ul>

      <dl class="person-counts">
        <div>
          <dt>{t.personCountComments}</dt>
          <dd>{author.commentCount}</dd>
        </div>
        <div>
          <dt>{t.personCountPublished}</dt>
          <dd>{author.approvedCount}</dd>
        </div>
        <div>
          <dt>{t.personCountRejected}</dt>
          <dd>{author.rejectedCount}</dd>
        </div>
        <div>
          <dt>{t.personCountReports}</dt>
          <dd>{author.reportedCount}</dd>
        </div>
      </dl>
    </>
  );
}
