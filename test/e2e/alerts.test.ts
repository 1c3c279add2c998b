// A bad buzz on the demo journal, end to end: a story of the journal gets 10× its usual rate of
// comments (a week of history and the last hour seeded in D1), one tick fired by hand
// (GET /__scheduled) opens an incident, the home shows it within the next refresh without a reload,
// with its figures, and so does the site's header; Acknowledge (keyboard) clears it from the home
// and the header, says so in the live region, keeps the focus in the panel, and the audit log has
// it. axe-core on the home with an alert, and screenshots in test-results/alerts/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { announced } from "./dashboard-support";
import {
  API_ORIGIN,
  acknowledgeOpenAlerts,
  d1Execute,
  fireTick,
  launchBrowser,
  seriousViolations,
  signIn,
  until,
  type StaffApi,
} from "./support";

const ADMIN = `${API_ORIGIN}/admin/`;
const SITE = "demo-journal";
const STORY_KEY = "https://www.lequotidien.example/societe/2026/12/02/greve-des-controleurs-e2e";
const STORY_TITLE = "Grève des contrôleurs : la colère monte — Le Quotidien";
const SHOTS = "test-results/alerts";
const HOUR = 3600_000;
const WEEK = 7 * 24 * HOUR;
/** Usual rate: 40 comments an hour for a week; the bad buzz: 400 in the last hour (10×). */
const HISTORY = 40 * 7 * 24;
const LAST_HOUR = 400;

let browser: Browser;
let admin: StaffApi;
let before: any;
/** A webhook receiver that is gone (410): the delivery fails for good at once, and shows as failed. */
let receiver: Server;
const received: { headers: Record<string, unknown>; body: string }[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signIn();
  mkdirSync(SHOTS, { recursive: true });
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(410).end("gone");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hook = `http://localhost:${(receiver.address() as AddressInfo).port}/palabre-hook`;
  const { status, data } = await admin("GET", `/${SITE}/settings`);
  expect(status).toBe(200);
  before = data;
  // Only the buzz rule, with a floor above what the other test files post in an hour on the
  // journal's own story (so that the tick opens this test's incident and no other on the site).
  const put = await admin("PUT", `/${SITE}/settings`, {
    name: data.site.name,
    allowedOrigins: data.site.allowedOrigins,
    settings: {
      alertBuzzFactor: 5,
      alertBuzzFloor: 300,
      alertReportsPerHour: 0,
      alertPendingMinutes: 0,
      alertToAnswerHours: 0,
      webhookUrl: hook,
      webhookSecret: "e2e-alerts-webhook-secret",
    },
  });
  expect(put.status).toBe(200);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  if (before) {
    const { alertBuzzFactor, alertBuzzFloor, alertReportsPerHour, alertPendingMinutes, alertToAnswerHours } = before.settings;
    await admin("PUT", `/${SITE}/settings`, {
      name: before.site.name,
      allowedOrigins: before.site.allowedOrigins,
      settings: {
        alertBuzzFactor,
        alertBuzzFloor,
        alertReportsPerHour,
        alertPendingMinutes,
        alertToAnswerHours,
        webhookUrl: "",
        webhookSecret: "",
      },
    });
  }
  receiver?.close();
  await acknowledgeOpenAlerts(admin, [SITE, "demo-band"]);
  await browser?.close();
});

/** A story of the demo journal with a week at its usual rate, then the last hour at 10× that. */
function seedBadBuzz(now: number): void {
  const hourStart = now - HOUR;
  const story = `(SELECT id FROM stories WHERE site_id = '${SITE}' AND key = '${STORY_KEY}')`;
  const insert = (count: number, from: number, step: number, label: string) =>
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${count - 1})
     INSERT INTO comments (site_id, story_id, depth, author_id, body, status, created_at, updated_at)
     SELECT '${SITE}', ${story}, 0, 1, '${label} ' || i, 'published', ${from} + i * ${step}, ${from} + i * ${step} FROM n;`;
  d1Execute(
    `INSERT INTO stories (site_id, key, url, title, created_at, updated_at)
       VALUES ('${SITE}', '${STORY_KEY}', 'http://localhost:8787/demo/journal/', '${STORY_TITLE.replace(/'/g, "''")}', ${now - WEEK - 2 * HOUR}, ${now})
       ON CONFLICT (site_id, key) DO NOTHING;
     ${insert(HISTORY, hourStart - WEEK + 60_000, Math.floor((WEEK - 120_000) / HISTORY), "Une semaine ordinaire")}
     ${insert(LAST_HOUR, now - 50 * 60_000, Math.floor((50 * 60_000) / LAST_HOUR), "La colère monte")}`,
  );
}

async function staffPage(hash = "", width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-US" });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${ADMIN}${hash}`);
  await page.getByLabel("Email").fill("admin@palabre.example");
  await page.getByLabel("Password").fill("palabre-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("header .sign-out").waitFor();
  return page;
}

const homeIncident = (page: Page) => page.locator("#home-alerts li.incident", { hasText: STORY_TITLE });
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe("a bad buzz on the demo journal", () => {
  it("shows on the home within one tick, with its figures, and Acknowledge clears it from the home and the header", async () => {
    const page = await staffPage();
    await page.getByRole("heading", { name: "My sites" }).waitFor();
    await page.locator(".site-card").first().waitFor();
    expect(await homeIncident(page).count()).toBe(0);

    seedBadBuzz(Date.now());
    await fireTick();

    // The home refreshes by itself (every 15 s): no reload.
    const incident = homeIncident(page);
    await incident.waitFor({ timeout: 30_000 });
    const text = (await incident.textContent()) ?? "";
    expect(text).toContain("Bad buzz");
    expect(text).toMatch(/(4\d\d) comments in the last hour, (9\.\d|1\d(\.\d)?)× usual/);
    expect(await incident.getByRole("link", { name: `“${STORY_TITLE}”` }).getAttribute("href")).toBe("http://localhost:8787/demo/journal/");
    const card = page.locator(`.site-card[data-site="${SITE}"] .figure-alerts .n`);
    expect(await until(async () => (await card.textContent())?.trim(), "1", 20_000)).toBe("1");
    await page.screenshot({ path: `${SHOTS}/home-alert-1280.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // The same alert under the site's header, with a badge in the header itself.
    await page.goto(`${ADMIN}#/${SITE}/queues/pending`);
    const badge = page.locator("header .header-alerts");
    await badge.waitFor();
    expect(await badge.textContent()).toContain("1 alert");
    await page.locator("#site-alerts li.incident", { hasText: STORY_TITLE }).waitFor();
    await page.screenshot({ path: `${SHOTS}/site-header-alert-1280.png` });
    await badge.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("site-alerts-heading");

    // Back home, acknowledged by keyboard alone.
    await page.goto(`${ADMIN}#/`);
    const button = homeIncident(page).getByRole("button", { name: "Acknowledge" });
    await button.focus();
    await page.keyboard.press("Enter");
    await announced(page, /Alert acknowledged: Bad buzz/);
    const acknowledged = page.locator("#home-alerts li.incident.acknowledged", { hasText: STORY_TITLE });
    await acknowledged.waitFor();
    expect(await acknowledged.textContent()).toContain("Acknowledged by");
    expect(await page.locator("#home-alerts li.incident:not(.acknowledged)", { hasText: STORY_TITLE }).count()).toBe(0);
    // The focus stays in the panel (the next alert to acknowledge, or its heading), not on the page.
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("#home-alerts")))).toBe(true);
    expect(await until(async () => (await card.textContent())?.trim(), "0", 5000)).toBe("0");
    await page.screenshot({ path: `${SHOTS}/home-acknowledged-1280.png`, fullPage: true });

    // The header no longer calls for it, on this page and after a reload.
    await page.goto(`${ADMIN}#/${SITE}/queues/pending`);
    // Acknowledged and still going on: folded into one line above the site's screens.
    await page.locator("#site-alerts li.incident.acknowledged", { hasText: STORY_TITLE }).waitFor({ state: "attached" });
    expect(await page.locator("header .header-alerts").count()).toBe(0);
    await page.reload();
    await page.locator("#site-alerts li.incident.acknowledged", { hasText: STORY_TITLE }).waitFor({ state: "attached" });
    expect(await page.locator("header .header-alerts").count()).toBe(0);

    // The audit log has the acknowledgement.
    await page.goto(`${ADMIN}#/${SITE}/audit`);
    const row = page.locator("table.audit tbody tr", { hasText: "Acknowledged an alert" }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain("Bad buzz");
    await page.screenshot({ path: `${SHOTS}/audit-acknowledged-1280.png` });

    // A second tick does not open a second incident for the same story.
    await fireTick();
    const { data } = await admin("GET", `/${SITE}/alerts?status=open`);
    expect(data.incidents.filter((i: any) => i.story?.key === STORY_KEY)).toHaveLength(1);
  });

  it("sends its webhook, signed; a receiver that answers 410 makes a failed delivery: badge in the header, error in the Outbox, Retry for admins", async () => {
    expect(await until(async () => received.length > 0, true, 20_000)).toBe(true);
    const hook = received[0]!;
    expect(hook.headers["x-palabre-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    const payload = JSON.parse(hook.body);
    expect(payload.text).toContain(STORY_TITLE);
    expect(payload.content).toBe(payload.text);

    const page = await staffPage(`#/${SITE}/queues/pending`);
    const badge = page.locator("header .header-failed");
    await badge.waitFor({ timeout: 30_000 });
    expect(await badge.textContent()).toMatch(/^\d+ failed deliver(y|ies)$/);
    await badge.click();
    await page.getByRole("heading", { name: /^Outbox/ }).waitFor();
    await page.getByLabel("Status").selectOption("failed");
    const failed = page.locator("li.delivery.status-failed", { hasText: "/palabre-hook" }).first();
    await failed.waitFor();
    expect(await failed.locator(".delivery-error").textContent()).toContain("410");
    await page.screenshot({ path: `${SHOTS}/outbox-failed-1280.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    const tries = received.length;
    await failed.getByRole("button", { name: "Retry" }).click();
    await announced(page, "Delivery queued again");
    // Sent again to the receiver, which still answers 410: failed again, with one more attempt.
    expect(await until(async () => received.length > tries, true, 20_000)).toBe(true);
    await page.locator("li.delivery.status-failed", { hasText: "/palabre-hook" }).first().waitFor({ timeout: 30_000 });
  });

  it("reads at 390 and 320 px without sideways scrolling, in French too", async () => {
    for (const width of [390, 320]) {
      const page = await staffPage("", width);
      await page.locator("#home-alerts li.incident", { hasText: STORY_TITLE }).waitFor();
      if (width === 390) await page.screenshot({ path: `${SHOTS}/home-alert-390.png`, fullPage: true });
      expect(await scrollsSideways(page), `home at ${width} px`).toBe(false);
      await page.goto(`${ADMIN}#/${SITE}/queues/pending`);
      await page.locator("#site-alerts summary").click();
      await page.locator("#site-alerts li.incident", { hasText: STORY_TITLE }).waitFor();
      if (width === 390) await page.screenshot({ path: `${SHOTS}/site-alert-390.png` });
      expect(await scrollsSideways(page), `site at ${width} px`).toBe(false);
      await page.goto(`${ADMIN}#/${SITE}/settings`);
      await page.locator("#alerts-settings").waitFor();
      if (width === 390) await page.locator("#alerts-settings").screenshot({ path: `${SHOTS}/settings-alerts-390.png` });
      expect(await scrollsSideways(page), `settings at ${width} px`).toBe(false);
      await page.context().close();
    }
    const page = await staffPage();
    await page.getByLabel("Language").selectOption("fr");
    await page.locator("#home-alerts li.incident", { hasText: STORY_TITLE }).waitFor();
    expect(await page.locator("#home-alerts").textContent()).toContain("Prise en compte par");
    await page.screenshot({ path: `${SHOTS}/home-alert-fr-1280.png`, fullPage: true });
  });
});

describe("the alerts settings", () => {
  it("shows the API's refusals at their fields, keeps the webhook secret write-only, and saves the staff member's alert mails at once", async () => {
    const page = await staffPage(`#/${SITE}/settings`);
    const section = page.locator("#alerts-settings");
    await section.waitFor();
    expect(await section.getByLabel("Bad buzz: times the usual rate").inputValue()).toBe("5");

    // The staff member's own alert mails: saved as soon as ticked, announced, kept after a reload.
    const mail = section.getByLabel("Mail me this site's alerts");
    const wasOn = await mail.isChecked();
    await mail.click();
    await announced(page, wasOn ? /no longer receive/ : /You will receive/);
    const { data: mailState } = await admin("GET", `/${SITE}/alert-mail`);
    expect(mailState.enabled).toBe(!wasOn);
    await mail.click();
    await announced(page, wasOn ? /You will receive/ : /no longer receive/);

    // Out of range, and a webhook address that is not https: each refusal sits at its field.
    await section.getByLabel("Bad buzz: times the usual rate").fill("101");
    await section.getByLabel("Webhook address").fill("http://hooks.example.com/palabre");
    await page.getByRole("button", { name: "Save the settings" }).click();
    const factorField = section.locator(".field", { has: page.getByLabel("Bad buzz: times the usual rate") });
    const urlField = section.locator(".field", { has: page.getByLabel("Webhook address") });
    await urlField.locator(".field-error").waitFor();
    expect(await urlField.locator(".field-error").textContent()).toContain("https");
    expect(await factorField.locator(".field-error").textContent()).toContain("0 to 100");
    expect(await page.getByLabel("Webhook address").getAttribute("aria-invalid")).toBe("true");
    await section.screenshot({ path: `${SHOTS}/settings-alerts-errors-1280.png` });
    expect(await seriousViolations(page)).toEqual([]);

    // A valid address and a secret: saved; the secret is never shown again, only its last 4.
    await section.getByLabel("Bad buzz: times the usual rate").fill("5");
    await section.getByLabel("Webhook address").fill("https://hooks.example.com/palabre");
    await section.getByRole("button", { name: /^(Set a secret|Replace)$/ }).click();
    await section.getByLabel(/^(Secret|New secret)$/).fill("e2e-webhook-secret-wxyz");
    await page.getByRole("button", { name: "Save the settings" }).click();
    await announced(page, /Settings saved/);
    await section.getByText("ends in …wxyz").waitFor();
    expect(await section.locator('input[type="password"]').count()).toBe(0);
    const { data } = await admin("GET", `/${SITE}/settings`);
    expect(data.webhookSecret).toEqual({ set: true, last4: "wxyz" });
    expect(JSON.stringify(data)).not.toContain("e2e-webhook-secret");
    await section.screenshot({ path: `${SHOTS}/settings-alerts-1280.png` });

    // Put back: no webhook, no secret.
    await section.getByLabel("Webhook address").fill("");
    await section.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("button", { name: "Save the settings" }).click();
    await announced(page, /Settings saved/);
    await section.getByText("Not set").waitFor();
  });
});

describe("when the rate falls back", () => {
  it("resolves itself at the next tick and leaves the home", async () => {
    const page = await staffPage();
    await homeIncident(page).waitFor({ state: "attached" });
    // The story's comments go (the other files read the Recent queue as the journal's own story).
    d1Execute(`DELETE FROM comments WHERE story_id = (SELECT id FROM stories WHERE site_id = '${SITE}' AND key = '${STORY_KEY}')`);
    await fireTick();
    await homeIncident(page).waitFor({ state: "detached", timeout: 30_000 });
    const { data } = await admin("GET", `/${SITE}/alerts?status=all`);
    const mine = data.incidents.filter((i: any) => i.story?.key === STORY_KEY);
    expect(mine.map((i: any) => i.status)).toEqual(["resolved"]);
    expect(mine[0].resolvedAt).toBeTruthy();
  });
});
