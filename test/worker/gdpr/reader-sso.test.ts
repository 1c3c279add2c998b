// A signed-in (SSO) reader's own data: the site gave their email, so erasure waits for the mailed
// link; their export carries the identity the site gave; afterwards the same sign-in starts anew.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, comment, createSite, errorOf, json, postAs, sitePath } from "../support";
import { SSO_SECRET, signSso } from "../sso-support";
import { follow, mails } from "../subscriptions/support";
import { findAnywhere } from "./support";

describe("an SSO reader's own data", { timeout: 30_000 }, () => {
  it("export shows the site's identity; erasure is confirmed by mail, then the identity is gone", async () => {
    const site = await createSite({ settings: { ssoSecret: SSO_SECRET } });
    const email = `sso-${crypto.randomUUID().slice(0, 8)}@lecteurs.example`;
    const sub = `sub-${crypto.randomUUID()}`;
    const token = await signSso({ sub, name: "Marguerite Sso", email, avatar: "https://cdn.example/m.png" });
    const posted = await postAs(site, comment("sso-story", "Signé par moi", "ignored"), { token, ip: "192.0.2.44" });
    expect(posted.status).toBe(201);
    const call = (method: "GET" | "DELETE") =>
      api(sitePath(site, method === "GET" ? "/me/export" : "/me"), {
        method,
        origin: site.origin,
        headers: { Authorization: `Bearer ${token}` },
      });

    const data = await json<{ identity: { kind: string; name: string; email: string; externalId: string } }>(await call("GET"));
    expect(data.identity).toMatchObject({ kind: "sso", name: "Marguerite Sso", email, externalId: sub });

    const res = await call("DELETE");
    expect(res.status).toBe(202);
    const [mail] = (await mails(site.id, "erasure")).filter((m) => m.recipient === email);
    const link = new URL(/https?:\/\/\S+\/me\/erasure\?\S+/.exec(mail!.body)![0]);
    expect((await follow(link.pathname + link.search, { method: "POST" })).status).toBe(200);
    expect(await findAnywhere(["Marguerite Sso", email, sub, "cdn.example/m.png"])).toEqual([]);
    // The same sign-in is a new reader: nothing of the old one is found through it.
    expect((await errorOf(await call("GET"))).code).toBe("invalid_token");
    const again = await postAs(site, comment("sso-story", "De retour", "ignored"), { token, ip: "192.0.2.44" });
    expect(again.status).toBe(201);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM commenters WHERE site_id = ? AND external_id = ?")
      .bind(site.id, sub)
      .first<{ n: number }>();
    expect(rows!.n).toBe(1);
  });
});
