// Issue 10, text and input rules: an id in a path is digits only (Number() would read " 1", "1e3"
// or "0x10" as another row), and a name given by the site's SSO token follows the reader name rule
// (no bidi controls, not only invisible characters).
import { beforeAll, expect, it } from "vitest";
import { SSO_SECRET, signSso } from "../sso-support";
import { api, comment, createSite, errorOf, postAs, postOk, sitePath, type TestSite } from "../support";

let site: TestSite;
let id: number;

beforeAll(async () => {
  site = await createSite({ settings: { ssoSecret: SSO_SECRET } });
  id = (await postOk(site, comment("ids", "Un commentaire"))).comment.id;
});

it("refuses ids that are not plain digits, and still takes the plain one", async () => {
  for (const bad of [` ${id}`, `${id} `, `+${id}`, `0${id}`, "1e3", "0x10", `${id}.0`]) {
    const res = await api(sitePath(site, `/comments/${encodeURIComponent(bad)}/context`), { origin: site.origin });
    expect([bad, res.status]).toEqual([bad, 400]);
    expect((await errorOf(res)).code).toBe("validation_failed");
  }
  expect((await api(sitePath(site, `/comments/${id}/context`), { origin: site.origin })).status).toBe(200);
});

it("refuses an SSO name holding a bidi control or made only of invisible characters", async () => {
  for (const name of ["\u202eAdmin", "\u3164", "\u200b\u200b"]) {
    const token = await signSso({ sub: `u-${name.codePointAt(0)}`, name });
    const res = await postAs(site, comment("ids", "Bonjour", "x"), { token, ip: "203.0.113.42" });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("invalid_sso_token");
  }
});
