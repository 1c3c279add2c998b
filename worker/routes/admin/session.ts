// Staff sign-in (throttled per email and per network: auth/sign-in.ts), who-am-I and sign-out: /api/admin/session.
import { Hono } from "hono";
import { requireStaff, type AdminEnv } from "../../auth/middleware";
import { clearSessionCookie, endSession, setSessionCookie } from "../../auth/sessions";
import { jsonBody } from "../../lib/validate";
import { signInBody } from "../../schemas/admin";
import { signIn } from "../../auth/sign-in";
import { clientIp } from "../../lib/hash";
import { sessionView } from "../../services/admin/session";
import { limitBody } from "../../lib/body-limit";

export const sessionRoutes = new Hono<AdminEnv>()
  .post("/", limitBody, jsonBody(signInBody), async (c) => {
    const now = Date.now();
    const signedIn = await signIn(c.env.DB, c.req.valid("json"), clientIp(c.req.raw.headers), now);
    setSessionCookie(c, signedIn.token, signedIn.expiresAt - now);
    return c.json(signedIn.session, 200);
  })
  .get("/", requireStaff, async (c) => c.json(await sessionView(c.env.DB, c.var.staff), 200))
  .delete("/", requireStaff, async (c) => {
    await endSession(c.env.DB, c.var.sessionHash, Date.now());
    clearSessionCookie(c);
    return c.body(null, 204);
  });
