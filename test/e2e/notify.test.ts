// Readers hear back, end to end: a reader of the demo journal asks a question and ticks "M’avertir
// des réponses" with an address; the confirmation mail is in the site's Outbox screen (the mailbox
// in local development), and its link confirms; a staff reply from the dashboard makes, at the next
// tick (fired by hand), exactly one notification mail in the outbox, whose link opens the story
// page on the reply. Screenshots of the Outbox in test-results/alerts/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { announced } from "./dashboard-support";
import {
  API_ORIGIN,
  DEMO_ORIGIN,
  acknowledgeOpenAlerts,
  composerForm,
  d1Execute,
  fireTick,
  launchBrowser,
  liftFloodLimits,
  seriousViolations,
  signIn,
  type StaffApi,
} from "./support";

const ADMIN = `${API_ORIGIN}/admin/`;
const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
const SITE = "demo-journal";
const SHOTS = "test-results/alerts";

let browser: Browser;
let admin: StaffApi;
let restoreSettings: (() => Promise<void>) | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signIn();
  // The files before this one posted from the same IP within the flood window.
  restoreSettings = await liftFloodLimits(admin, [SITE]);
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await restoreSettings?.();
  // The ticks fired here open the demo's own alerts (its old unanswered questions).
  await acknowledgeOpenAlerts(admin, [SITE, "demo-band"]);
  await browser?.close();
});

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function newPage(locale: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, errors };
}

async function staffPage(hash: string, width = 1280): Promise<Page> {
  const { page } = await newPage("en-US", width);
  await page.goto(`${ADMIN}${hash}`);
  await page.getByLabel("Email").fill("admin@palabre.example");
  await page.getByLabel("Password").fill("palabre-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("header .sign-out").waitFor();
  return page;
}

/** The outbox's delivery to `to` about `topic` (its label on screen), once the screen's refresh shows it. */
async function delivery(page: Page, to: string, topic: string): Promise<Locator> {
  const found = page.locator("li.delivery", { hasText: to }).filter({ has: page.locator(".badge", { hasText: new RegExp(`^${topic}$`) }) });
  await found.first().waitFor({ timeout: 30_000 });
  return found;
}

/** The link of a mail shown in the outbox whose address contains `part`. */
async function linkIn(item: Locator, part: string): Promise<string> {
  await item.getByText("Show the content").click();
  const link = item.locator(".outbox-body a", { hasText: part }).first();
  await link.waitFor();
  return (await link.getAttribute("href"))!;
}

describe("reply notifications on the demo journal", () => {
  it("opt-in, confirmation from the outbox, one mail for a staff reply, its link opens the reply", async () => {
    const email = `${unique("lectrice").replace(/\s+/g, "-").toLowerCase()}@example.com`;
    const question = unique("Les couchettes sont-elles accessibles en fauteuil ?");

    // The reader asks, and asks to be told of answers.
    const reader = await newPage("fr-FR");
    await reader.page.goto(JOURNAL);
    await reader.page.getByRole("heading", { level: 2, name: /^Commentaires \(\d+\)$/ }).waitFor();
    const form = await composerForm(reader.page, "Écrire un commentaire");
    await form.getByLabel("Votre nom").fill("Inès E2E");
    await form.getByRole("textbox", { name: "Votre commentaire" }).fill(question);
    await form.getByLabel(/M.avertir des réponses/).check();
    await form.getByLabel(/Votre courriel/).fill(email);
    await form.getByRole("button", { name: "Publier" }).click();
    await reader.page.locator("ul.thread li.comment", { hasText: question }).waitFor();
    await reader.page.getByText("Confirmez depuis le courriel envoyé.", { exact: false }).first().waitFor();
    // The address is never shown to readers.
    expect(await reader.page.locator("ul.thread").textContent()).not.toContain(email);

    // The confirmation mail is in the Outbox screen, its link's secret hidden: staff see what
    // went out, they cannot confirm for the reader.
    const staff = await staffPage(`#/${SITE}/outbox`);
    await staff.getByRole("heading", { name: /^Outbox/ }).waitFor();
    const confirmation = await delivery(staff, email, "Confirmation");
    expect(await confirmation.count()).toBe(1);
    await confirmation.getByText("Show the content").click();
    await confirmation.locator(".outbox-body", { hasText: "/confirm?token=[…]" }).waitFor();
    expect(await confirmation.locator(".outbox-body a", { hasText: "/confirm" }).count()).toBe(0);
    // The reader's mailbox has the real link (the outbox table holds the mail as sent).
    const sent = d1Execute(`SELECT body FROM outbox WHERE topic = 'confirm' AND recipient = '${email}'`) as [
      { results: { body: string }[] },
    ];
    const confirmUrl = /https?:\/\/\S+\/confirm\?token=\S+/.exec(sent[0].results[0]!.body)![0];
    await staff.screenshot({ path: `${SHOTS}/outbox-confirm-1280.png`, fullPage: true });
    expect(await seriousViolations(staff)).toEqual([]);

    // Following it confirms (a mail client opens it: no Origin, no session).
    const confirmPage = await newPage("fr-FR");
    const res = await confirmPage.page.goto(confirmUrl);
    expect(res?.status()).toBe(200);
    await confirmPage.page.getByText("Votre adresse est confirmée", { exact: false }).waitFor();

    // A staff reply from the dashboard's To answer queue (the existing reply flow).
    await staff.goto(`${ADMIN}#/${SITE}/queues/to-answer`);
    const item = staff.locator("article.item", { hasText: question });
    await item.waitFor();
    await item.getByRole("button", { name: /^Answer/ }).click();
    const composer = item.locator("form.composer");
    await composer.waitFor();
    const answer = unique("Oui : une voiture par train a une cabine accessible, à réserver avec le billet.");
    await composer.getByRole("textbox").fill(answer);
    await staff.keyboard.press("Control+Enter");
    await announced(staff, "Reply published on Le Quotidien");

    // Mails are grouped per thread and hour: the next tick writes it.
    await fireTick();
    await staff.goto(`${ADMIN}#/${SITE}/outbox`);
    const notification = await delivery(staff, email, "Staff reply");
    const toReader = staff.locator("li.delivery", { hasText: email });
    expect(await toReader.count()).toBe(2);
    expect(await notification.count()).toBe(1);
    const commentUrl = await linkIn(notification, "#comment-");
    const replyId = /#comment-(\d+)$/.exec(commentUrl)?.[1];
    expect(replyId).toBeTruthy();
    await staff.screenshot({ path: `${SHOTS}/outbox-notification-1280.png`, fullPage: true });

    // A second tick sends nothing more for the same reply.
    await fireTick();
    const { data } = await admin("GET", `/${SITE}/outbox?kind=mail`);
    expect(data.items.filter((i: any) => i.to === email)).toHaveLength(2);

    // The mail's link opens the story page on the reply.
    await reader.page.goto(commentUrl);
    const reply = reader.page.locator(`#comment-${replyId}`);
    await reply.waitFor();
    expect(await reply.textContent()).toContain(answer.slice(0, 40));
    expect(reader.errors).toEqual([]);
  });

  it("reads at 390 and 320 px without sideways scrolling, with filters", async () => {
    for (const width of [390, 320]) {
      const page = await staffPage(`#/${SITE}/outbox`, width);
      await page.locator("li.delivery").first().waitFor();
      await page.getByLabel("Kind").selectOption("mail");
      await page.getByLabel("Status").selectOption("sent");
      await page.locator("li.delivery").first().waitFor();
      expect(await page.locator("li.delivery .badge", { hasText: /^Webhook$/ }).count()).toBe(0);
      await page.locator("li.delivery").first().getByText("Show the content").click();
      if (width === 390) await page.screenshot({ path: `${SHOTS}/outbox-390.png`, fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), `outbox at ${width} px`).toBe(false);
      await page.context().close();
    }
  });
});
