// SSO tokens that must not be accepted on a write.
import { beforeAll, describe, expect, it } from "vitest";
import { comment, createSite, errorOf, postAs, refusedWithoutWrite, type TestSite } from "../support";
import { SSO_SECRET, signSso } from "../sso-support";

let site: TestSite;
let noSso: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { ssoSecret: SSO_SECRET } });
  noSso = await createSite();
});

async function refused(target: TestSite, token: string, code: string) {
  const res = await refusedWithoutWrite(() => postAs(target, comment("s", "Texte"), { token }));
  expect(res.status).toBe(401);
  const error = await errorOf(res);
  expect(error.code).toBe(code);
  return error;
}

describe("SSO tokens refused (401)", () => {
  it("expired", async () => {
    const error = await refused(
      site,
      await signSso({ sub: "1", name: "A", exp: Math.floor(Date.now() / 1000) - 120 }),
      "sso_token_expired",
    );
    expect(error.message).toMatch(/expired/);
  });

  it("signed with another secret, or tampered with", async () => {
    await refused(site, await signSso({ sub: "1", name: "A" }, "some-other-secret-0123456789-abcdefghij"), "invalid_sso_token");
    const good = await signSso({ sub: "1", name: "A" });
    const [h, , s] = good.split(".");
    const payload = btoa(JSON.stringify({ sub: "admin", name: "A", exp: Math.floor(Date.now() / 1000) + 600 }))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    await refused(site, `${h}.${payload}.${s}`, "invalid_sso_token");
  });

  it("with another algorithm, missing claims, a bad avatar, too long a life, or for another site", async () => {
    await refused(site, await signSso({ sub: "1", name: "A" }, SSO_SECRET, { alg: "HS512" }), "invalid_sso_token");
    await refused(site, await signSso({ name: "A" }), "invalid_sso_token");
    await refused(site, await signSso({ sub: "1" }), "invalid_sso_token");
    await refused(site, await signSso({ sub: "1", name: "A", avatar: "javascript:alert(1)" }), "invalid_sso_token");
    await refused(site, await signSso({ sub: "1", name: "A", exp: Math.floor(Date.now() / 1000) + 3 * 86400 }), "invalid_sso_token");
    await refused(site, await signSso({ sub: "1", name: "A", aud: "another-site" }), "invalid_sso_token");
    await refused(site, await signSso({ sub: "1", name: "A", site: "another-site" }), "invalid_sso_token");
  });

  it("on a site without SSO, and malformed ones", async () => {
    await refused(noSso, await signSso({ sub: "1", name: "A" }), "invalid_sso_token");
    await refused(site, "abc.def.ghi", "invalid_sso_token");
  });

  it("accepts aud or site naming this site", async () => {
    for (const claims of [{ aud: site.id }, { aud: ["x", site.id] }, { site: site.id }]) {
      const res = await postAs(site, comment("ok", `Texte ${JSON.stringify(claims)}`), {
        token: await signSso({ sub: "1", name: "A", ...claims }),
      });
      expect(res.status).toBe(201);
    }
  });
});
