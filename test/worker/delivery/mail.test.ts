// Mail: always written to the outbox first; sent by the HTTP provider (Resend's request format) or
// the EMAIL binding when configured, else (local development) the outbox row is the delivered mail.
// Bad addresses are refused before queuing, and by the mailer itself.
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { ApiError } from "../../../worker/lib/errors";
import { BACKOFF_SECONDS } from "../../../worker/services/delivery/consume";
import { queueMail } from "../../../worker/services/delivery/send";
import type { MailRequest } from "../../../worker/services/delivery/types";
import { createSite } from "../support";
import { deliver, mailRow, outboxRow, received, receiverUrl, settled, uniqueKey } from "./support";

const ENV = env as unknown as Env;

async function mail(overrides: Partial<MailRequest> = {}): Promise<number> {
  const site = await createSite();
  return queueMail(
    ENV,
    {
      siteId: site.id,
      to: "lecteur@example.org",
      subject: "Une réponse à votre commentaire",
      text: "Bonjour,\nquelqu'un vous a répondu.",
      html: "<p>Bonjour,</p><p>quelqu'un vous a répondu.</p>",
      headers: { "List-Unsubscribe": "<https://palabre.test/u/abc>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      topic: "reply",
      ...overrides,
    },
    Date.now(),
  );
}

it("writes the mail to the outbox, queued, then with no mail configured marks it sent there: the outbox is the mailbox", async () => {
  const id = await mail();
  expect(await outboxRow(id)).toMatchObject({
    kind: "mail",
    topic: "reply",
    recipient: "lecteur@example.org",
    subject: "Une réponse à votre commentaire",
    body: "Bonjour,\nquelqu'un vous a répondu.",
    status: "queued",
    attempts: 0,
  });
  // The real queue: miniflare hands the message to the worker's own consumer.
  expect(await settled(id)).toMatchObject({ status: "sent", attempts: 1, last_error: null, via: "outbox" });
});

it("refuses a bad address before queuing, with a clear error, and writes nothing", async () => {
  const before = await env.DB.prepare("SELECT count(*) AS n FROM outbox").first<{ n: number }>();
  for (const to of ["not an address", "a@b", "x@example.org\r\nBcc: all@example.org", "<a@example.org>", ""]) {
    const refusal = await mail({ to }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 400, code: "validation_failed", issues: [{ path: ["to"], code: "invalid_email" }] });
  }
  expect(await env.DB.prepare("SELECT count(*) AS n FROM outbox").first<{ n: number }>()).toEqual(before);
});

it("the mailer itself fails a row whose address is not one, without a retry", async () => {
  const id = await mailRow((await createSite()).id, { to: "nobody" });
  expect(await deliver([id])).toEqual({ acked: [id], retried: [] });
  expect(await outboxRow(id)).toMatchObject({ status: "failed", last_error: 'not an email address: "nobody"' });
});

it("sends through the HTTP provider as Resend documents it: POST, Bearer key, JSON from/to/subject/text/html/headers", async () => {
  const key = uniqueKey();
  const id = await mailRow((await createSite()).id);
  const config = { MAIL_API_URL: receiverUrl(`/mail/ok/${key}`), MAIL_API_KEY: "re_test_key" };
  expect(await deliver([id], config)).toEqual({ acked: [id], retried: [] });
  const [call] = await received(key);
  expect(call!.headers.authorization).toBe("Bearer re_test_key");
  expect(call!.headers["idempotency-key"]).toBe(`palabre-outbox-${id}`);
  expect(call!.headers["content-type"]).toBe("application/json");
  expect(JSON.parse(call!.body)).toEqual({
    from: "Palabre <no-reply@localhost>",
    to: "lecteur@example.org",
    subject: "Une réponse à votre commentaire",
    text: "Bonjour,\nquelqu'un vous a répondu.",
    html: "<p>Bonjour,</p><p>quelqu'un vous a répondu.</p>",
    headers: { "List-Unsubscribe": "<https://palabre.test/u/abc>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  });
  expect(await outboxRow(id)).toMatchObject({ status: "sent", via: "api", last_error: null });
});

it("uses MAIL_FROM when set", async () => {
  const key = uniqueKey();
  const id = await mailRow((await createSite()).id, { html: null });
  await deliver([id], {
    MAIL_API_URL: receiverUrl(`/mail/ok/${key}`),
    MAIL_API_KEY: "k",
    MAIL_FROM: "Le Quotidien <alertes@lequotidien.example>",
  });
  const body = JSON.parse((await received(key))[0]!.body) as Record<string, unknown>;
  expect(body.from).toBe("Le Quotidien <alertes@lequotidien.example>");
  expect(body).not.toHaveProperty("html");
});

it("retries when the provider answers 500, fails at once on its 422 with the provider's message", async () => {
  const failing = await mailRow((await createSite()).id);
  const refused = await mailRow((await createSite()).id);
  const down = { MAIL_API_URL: receiverUrl(`/mail/fail/${uniqueKey()}`), MAIL_API_KEY: "k" };
  expect(await deliver([failing], down)).toEqual({ acked: [], retried: [{ row: failing, delaySeconds: BACKOFF_SECONDS[0] }] });
  expect((await outboxRow(failing)).last_error).toMatch(/^mail provider answered HTTP 500/);

  expect(await deliver([refused], { MAIL_API_URL: receiverUrl(`/mail/bad/${uniqueKey()}`), MAIL_API_KEY: "k" })).toEqual({
    acked: [refused],
    retried: [],
  });
  const row = await outboxRow(refused);
  expect(row.status).toBe("failed");
  expect(row.last_error).toContain("mail provider answered HTTP 422");
  expect(row.last_error).toContain("Invalid `to` field.");
});

it("prefers the EMAIL binding (Cloudflare Email Service) when bound, and retries when it throws", async () => {
  const sent: unknown[] = [];
  const EMAIL = {
    send: async (message: unknown) => {
      sent.push(message);
      return { messageId: "m-1" };
    },
  } as unknown as SendEmail;
  const id = await mailRow((await createSite()).id);
  await deliver([id], { EMAIL, MAIL_API_URL: receiverUrl(`/mail/ok/${uniqueKey()}`), MAIL_API_KEY: "k" });
  expect(sent).toEqual([
    expect.objectContaining({
      from: "Palabre <no-reply@localhost>",
      to: "lecteur@example.org",
      subject: "Une réponse à votre commentaire",
    }),
  ]);
  expect(await outboxRow(id)).toMatchObject({ status: "sent", via: "email" });

  const broken = { send: async () => Promise.reject(new Error("destination address not verified")) } as unknown as SendEmail;
  const other = await mailRow((await createSite()).id);
  expect((await deliver([other], { EMAIL: broken })).retried).toHaveLength(1);
  expect((await outboxRow(other)).last_error).toBe("Email Service refused: destination address not verified");
});
