// The erasure's statements and the person export's reads stay bounded by the person: index
// lookups and range scans (EXPLAIN QUERY PLAN of the real SQL), never a walk of the site's
// comments, reactions or reports. The outbox's and audit log's name redaction reads the site's
// rows of those two tables (outbox_site, audit_log_site): an erasure is rare, and those are the
// only places a name may be quoted in free text.
import { describe, expect, it } from "vitest";
import { erasureStatements, purgeEndedBansOfErased } from "../../../worker/db/gdpr";
import { personExportReads } from "../../../worker/db/gdpr-export";
import { explaining, planOf } from "../plans";

/** A range over the whole site's comments or stories, where the person's own rows are meant. */
const SITE_WIDE =
  /USING (COVERING )?INDEX (comments_site_created|comments_site_status|comments_ip_recent \(site_id=\? AND ip_hash>\?\)|sqlite_autoindex_stories_1 \(site_id=\?\))/;

const BIG =
  /^SCAN (comments|commenters|stories|reports|reactions|comment_revisions|notify_addresses|reply_subscriptions|reply_notifications|notify_tokens|statements|appeals|identity_mints|commenter_notes|post_keys|comment_scores|reader_bans|notices|outbox|audit_log)\b/;

describe("query plans of a person's data", () => {
  it("erasure: no statement scans a whole table", async () => {
    const statements = erasureStatements(explaining, { siteId: "s", commenterId: 1, staffId: 1, now: 1, by: "staff" });
    for (const st of statements) {
      const plan = await planOf(st);
      expect(
        plan.filter((d) => (BIG.test(d) && !/VIRTUAL TABLE/.test(d)) || SITE_WIDE.test(d)),
        plan.join("\n"),
      ).toEqual([]);
    }
  });

  it("export: no read scans a whole table", async () => {
    for (const st of personExportReads(explaining, "s", 1)) {
      const plan = await planOf(st);
      expect(
        plan.filter((d) => (BIG.test(d) && !/VIRTUAL TABLE/.test(d)) || SITE_WIDE.test(d)),
        plan.join("\n"),
      ).toEqual([]);
    }
  });

  it("the purge of ended bans reads the erased commenters' index, then their bans", async () => {
    const plan = await planOf(purgeEndedBansOfErased(explaining, 1));
    expect(
      plan.filter((d) => BIG.test(d)),
      plan.join("\n"),
    ).toEqual([]);
    expect(plan.join("\n")).toMatch(/commenters_erased/);
  });
});
