// `npm run staff -- add --owner`: the SQL the CLI hands to wrangler, run here against D1. The
// owner needs no site, signs in, creates one; running `add` again without --owner keeps them owner.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../../../worker/auth/password";
import { CliError, checkSites, sitesExistSql, upsertStaffSql, type StaffAccount } from "../../../worker/cli/staff-sql";
import { createSite } from "../support";
import { admin, signIn } from "../admin/support";
import type { TeamSitesResponse } from "../../../worker/schemas/teams";

async function run(account: StaffAccount): Promise<void> {
  await env.DB.exec(upsertStaffSql(account).replace(/\n\s*/g, " ").replace(/; /g, ";\n"));
}

describe("staff add --owner", () => {
  it("creates an owner with no site, who signs in and creates the first site", async () => {
    const email = "first-owner@palabre.test";
    await run({
      email,
      name: "First Owner",
      passwordHash: await hashPassword("owner password"),
      sites: [],
      role: null,
      owner: true,
      now: 1,
    });
    const cookie = await signIn({ email, password: "owner password" });
    const before = await (await admin("/sites", { cookie })).json<TeamSitesResponse>();
    expect(before).toEqual({ owner: true, sites: [] });
    const res = await admin("/sites", { cookie, body: { id: "first-site", name: "First", allowedOrigins: ["https://first.example"] } });
    expect(res.status).toBe(201);
    const after = await (await admin("/sites", { cookie })).json<TeamSitesResponse>();
    expect(after.sites.map((s) => [s.id, s.role, s.language, s.color])).toEqual([["first-site", "admin", "en", "#3b5bdb"]]);
  });

  it("run again without --owner keeps the owner an owner; a plain add makes none", async () => {
    const site = (await createSite()).id;
    const email = "kept-owner@palabre.test";
    const hash = await hashPassword("owner password");
    await run({ email, name: "Owner", passwordHash: hash, sites: [], role: null, owner: true, now: 1 });
    await run({ email, name: "Owner", passwordHash: hash, sites: [site], role: "moderator", now: 2 });
    await run({ email: "plain@palabre.test", name: "Plain", passwordHash: hash, sites: [site], role: "admin", now: 3 });
    const rows = await env.DB.prepare("SELECT email, owner FROM staff WHERE email IN (?, ?) ORDER BY email")
      .bind(email, "plain@palabre.test")
      .all();
    expect(rows.results).toEqual([
      { email, owner: 1 },
      { email: "plain@palabre.test", owner: 0 },
    ]);
  });

  it("needs a site unless --owner, and a role with a site", () => {
    expect(() => checkSites([])).toThrow(CliError);
    expect(checkSites([], true)).toEqual([]);
    expect(() => upsertStaffSql({ email: "a@b.example", name: "A", passwordHash: "x", sites: ["s"], role: null, now: 1 })).toThrow(
      CliError,
    );
    expect(sitesExistSql([])).toBe("SELECT id FROM sites WHERE 0;");
  });
});
