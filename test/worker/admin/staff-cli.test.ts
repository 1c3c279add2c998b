// The staff CLI's checks and the SQL it hands to wrangler, run here against D1: the account it
// writes signs in through the API, a second run updates it and signs its sessions out.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../../worker/auth/password";
import {
  CliError,
  DEMO_ADMIN,
  checkEmail,
  checkName,
  checkPassword,
  checkRole,
  checkSites,
  sitesExistSql,
  upsertStaffSql,
  type StaffAccount,
} from "../../../worker/cli/staff-sql";
import { createSite } from "../support";
import { admin, signIn, signInRequest } from "./support";

let one: string;
let two: string;

beforeAll(async () => {
  one = (await createSite()).id;
  two = (await createSite()).id;
});

async function run(account: StaffAccount): Promise<void> {
  await env.DB.exec(upsertStaffSql(account).replace(/\n\s*/g, " ").replace(/; /g, ";\n"));
}

async function roles(email: string) {
  return (
    await env.DB.prepare(
      "SELECT r.site_id, r.role FROM staff_roles r JOIN staff s ON s.id = r.staff_id WHERE s.email = ? ORDER BY r.site_id",
    )
      .bind(email)
      .all()
  ).results;
}

describe("the SQL of `staff add`", () => {
  it("creates a staff member who can sign in, with the role on each site", async () => {
    const email = "o'brien@palabre.test";
    await run({
      email,
      name: "Seán O'Brien",
      passwordHash: await hashPassword("first password"),
      sites: [one, two],
      role: "moderator",
      now: 1,
    });
    const token = await signIn({ email, password: "first password" });
    const me = await (await admin("/session", { cookie: token })).json<{ staff: { name: string } }>();
    expect(me.staff.name).toBe("Seán O'Brien");
    expect(await roles(email)).toEqual(
      [
        { site_id: one, role: "moderator" },
        { site_id: two, role: "moderator" },
      ].sort((a, b) => a.site_id.localeCompare(b.site_id)),
    );
  });

  it("run again updates name, password and role, keeps other sites' roles and ends open sessions", async () => {
    const email = "update@palabre.test";
    await run({ email, name: "Old", passwordHash: await hashPassword("old password"), sites: [one, two], role: "moderator", now: 1 });
    const token = await signIn({ email, password: "old password" });
    await run({ email, name: "New", passwordHash: await hashPassword("new password"), sites: [one], role: "admin", now: 2 });

    expect((await admin("/session", { cookie: token })).status).toBe(401);
    expect((await signInRequest(email, "old password")).status).toBe(401);
    expect((await signInRequest(email, "new password")).status).toBe(200);
    const rows = await roles(email);
    expect(rows).toContainEqual({ site_id: one, role: "admin" });
    expect(rows).toContainEqual({ site_id: two, role: "moderator" });
    const count = await env.DB.prepare("SELECT count(*) AS n, max(name) AS name FROM staff WHERE email = ?").bind(email).first();
    expect(count).toEqual({ n: 1, name: "New" });
  });

  it("checks which sites exist before writing", async () => {
    const { results } = await env.DB.prepare(sitesExistSql([one, "missing-site"])).all<{ id: string }>();
    expect(results.map((r) => r.id)).toEqual([one]);
  });
});

describe("the CLI's checks", () => {
  it("normalise good values", () => {
    expect(checkEmail("  Ana@Example.COM ")).toBe("ana@example.com");
    expect(checkName("  Ana  ")).toBe("Ana");
    expect(checkSites(["demo-band", "demo-band", "demo-journal"])).toEqual(["demo-band", "demo-journal"]);
    expect(checkRole("moderator")).toBe("moderator");
    expect(checkPassword("ten chars!")).toBe("ten chars!");
  });

  it("refuse missing or bad values with a message naming the flag", () => {
    const refusals: [() => unknown, RegExp][] = [
      [() => checkEmail(undefined), /--email is required/],
      [() => checkEmail("not-an-email"), /--email/],
      [() => checkName(undefined), /--name is required/],
      [() => checkName("x".repeat(61)), /--name/],
      [() => checkSites(undefined), /--site is required/],
      [() => checkSites(["Bad Site"]), /--site "Bad Site"/],
      [() => checkRole(undefined), /--role is required/],
      [() => checkRole("owner"), /--role "owner" is not a role/],
      [() => checkPassword("short"), /at least 10 characters/],
    ];
    for (const [check, message] of refusals) {
      expect(check).toThrow(CliError);
      expect(check).toThrow(message);
    }
  });

  it("seed the demo admin the issue names", () => {
    expect(DEMO_ADMIN).toMatchObject({
      email: "admin@palabre.example",
      password: "palabre-demo-2026",
      sites: ["demo-journal", "demo-band"],
      role: "admin",
    });
  });
});
