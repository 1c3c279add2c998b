// The community manager's desk in Chromium against `wrangler dev`: both demo sites on the home with
// their counts; a reader's question shows in To answer within one refresh and, answered from there,
// on the demo page with the staff badge; 100 held comments cleared by keyboard alone; the person
// drawer and the figures; axe-core on each screen, and their screenshots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { announced, focusByKeyboard, focusedText, itemWith } from "./dashboard-support";
import {
  API_ORIGIN,
  DEMO_ORIGIN,
  launchBrowser,
  liftFloodLimits,
  seriousViolations,
  signIn,
  signInAdmin,
  until,
  type StaffApi,
  composerForm,
} from "./support";

const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
const ADMIN = `${API_ORIGIN}/admin/`;
const BAND_STORY = "news/2026-european-tour";
const JOURNAL_STORY = "https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour";

let browser: Browser;
let admin: StaffApi;
let restoreSettings: () => Promise<void> = async () => undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signIn();
  restoreSettings = await liftFloodLimits(admin, ["demo-journal", "demo-band"]);
  mkdirSync("test-results", { recursive: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await restoreSettings();
  await browser?.close();
});

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

interface Opened {
  page: Page;
  pageErrors: string[];
}

async function open(url: string, opts: { locale?: string; width?: number } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: 900 }, locale: opts.locale ?? "en-US" });
  contexts.push(context);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(url);
  return { page, pageErrors };
}

/** The dashboard at `hash`, signed in as the demo admin through its own form. */
async function staffPage(hash = "", opts: { width?: number; locale?: string } = {}): Promise<Opened> {
  const opened = await open(`${ADMIN}${hash}`, opts);
  const { page } = opened;
  await page.getByLabel("Email").fill("admin@palabre.example");
  await page.getByLabel("Password").fill("palabre-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("header .sign-out").waitFor();
  return opened;
}

/** GET under /api/admin as the demo admin. */
async function adminGet(path: string): Promise<any> {
  const { status, data } = await (await signInAdmin())("GET", path);
  if (status !== 200) throw new Error(`GET /api/admin${path}: ${status}`);
  return data;
}

/** True when the page scrolls sideways (it must not, from 320 px up). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** The same screen at 390 and 320 px: a screenshot at 390, and no sideways scrolling at either. */
async function checkNarrow(hash: string, name: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
  for (const width of [390, 320]) {
    const { page } = await staffPage(hash, { width });
    await ready(page);
    if (width === 390) await page.screenshot({ path: `test-results/${name}-390.png`, fullPage: true });
    expect(await scrollsSideways(page), `${name} at ${width} px`).toBe(false);
    await page.context().close();
  }
}

async function postComment(site: string, story: string, name: string, body: string): Promise<number> {
  const res = await fetch(`${API_ORIGIN}/api/v1/${site}/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: API_ORIGIN },
    body: JSON.stringify({ story, body, author: { name } }),
  });
  if (res.status !== 201) throw new Error(`post failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as any).comment.id;
}

describe("the community manager's desk", () => {
  it("opens on My sites: both demo sites with their counts, in their colours", async () => {
    const { page, pageErrors } = await staffPage();
    await page.getByRole("heading", { level: 1, name: "My sites" }).waitFor();
    const overview = await adminGet("/overview");
    expect(overview.sites.map((o: any) => o.site.id).sort()).toEqual(["demo-band", "demo-journal"]);
    for (const o of overview.sites) {
      const card = page.locator(`.site-card[data-site="${o.site.id}"]`);
      await card.waitFor();
      expect(await card.locator(".site-name").textContent()).toBe(o.site.name);
      const figure = (name: string) => card.locator(`.figure-${name} .n`).textContent();
      // The cards show what the overview says, once its first answer is in.
      expect(await until(() => figure("pending"), String(o.pending))).toBe(String(o.pending));
      expect(await figure("reported")).toBe(String(o.reported));
      expect(await figure("to-answer")).toBe(String(o.toAnswer));
      expect(await figure("recent")).toBe(String(o.comments24h));
      expect(await figure("alerts")).toBe("0");
      if (o.oldestToAnswerAt) expect(await card.locator(".figure-to-answer .oldest").count()).toBe(1);
    }
    // The journal's card is in its colour (#a4161a), and the switcher carries the same counts.
    const journal = overview.sites.find((o: any) => o.site.id === "demo-journal");
    expect(
      await page.locator('.site-card[data-site="demo-journal"] .site-open').evaluate((el) => getComputedStyle(el).backgroundColor),
    ).toBe("rgb(164, 22, 26)");
    expect(await page.locator('#site-switcher option[value="demo-journal"]').textContent()).toBe(
      `Le Quotidien — ${journal.pending} pending · ${journal.toAnswer} to answer`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/desk-home.png", fullPage: true });

    // One key opens a site's queue: 1 is the first site listed.
    await page.locator("h1").click();
    await page.keyboard.press("1");
    await page.getByRole("tab", { name: /^Pending/ }).waitFor();
    expect(await page.locator("header .site-badge").getAttribute("data-site")).toBe(overview.sites[0].site.id);
    expect(pageErrors).toEqual([]);

    await checkNarrow("", "desk-home", (p) => p.locator(".site-card").first().waitFor());
  });

  it("shows a reader's question in To answer within one refresh; answered there, the reply is on the page with its badge", async () => {
    const staff = await staffPage("#/demo-journal/queues/to-answer");
    const { page } = staff;
    await page.getByRole("tab", { name: /^To answer/, selected: true }).waitFor();
    await page.locator("article.item, p.empty").first().waitFor();

    // A reader asks on the demo page.
    const reader = await open(JOURNAL, { locale: "fr-FR" });
    await reader.page.getByRole("heading", { level: 2, name: /^Commentaires \(\d+\)$/ }).waitFor();
    const question = unique("Les vélos montent-ils à bord des trains de nuit ?");
    const form = await composerForm(reader.page, "Écrire un commentaire");
    await form.getByLabel("Votre nom").fill("Vélo E2E");
    await form.getByRole("textbox", { name: "Votre commentaire" }).fill(question);
    await form.getByRole("button", { name: "Publier" }).click();
    await reader.page.locator("ul.thread li.comment", { hasText: question }).waitFor();

    // Within one refresh (15 s) the queue announces it, and shows it when asked: never under the cursor.
    await announced(page, /^1 new/, 25_000);
    expect(await itemWith(page, question).count()).toBe(0);
    await page.getByRole("button", { name: "Show 1 new comment" }).click();
    const item = itemWith(page, question);
    await item.waitFor();
    expect(await item.textContent()).toMatch(/waiting/i);

    // Answer inline: c opens the composer on the focused item; it names the site it publishes on.
    await focusByKeyboard(page, question);
    await page.keyboard.press("c");
    const composer = item.locator("form.composer");
    await composer.waitFor();
    expect(await composer.textContent()).toContain("on Le Quotidien");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    const answer = unique("Oui, six emplacements vélo par train, à réserver avec le billet.");
    await page.keyboard.type(answer);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/desk-to-answer.png", fullPage: true });
    await page.keyboard.press("Control+Enter");
    await announced(page, "Reply published on Le Quotidien");
    await item.waitFor({ state: "detached" });
    const queue = await admin("GET", "/demo-journal/queues/to-answer?limit=100");
    expect(queue.data.items.some((i: any) => i.comment.body === question)).toBe(false);

    // The reader sees the answer under their question, with the site's staff badge.
    await reader.page.reload();
    const reply = reader.page.locator("ul.thread li.comment", { hasText: answer }).last();
    await reply.waitFor();
    expect(await reply.locator(".badge.staff").first().textContent()).toBe("Le Quotidien · Équipe");
    expect(staff.pageErrors).toEqual([]);
    expect(reader.pageErrors).toEqual([]);

    await checkNarrow("#/demo-journal/queues/to-answer", "desk-to-answer", (p) => p.locator("article.item, p.empty").first().waitFor());
  });

  it("clears 100 pending comments by keyboard alone, in at most 110 keystrokes", { timeout: 240_000 }, async () => {
    // Only our 100 comments wait in the band's Pending queue: what earlier tests left is rejected first.
    for (;;) {
      const { data } = await admin("GET", "/demo-band/queues/pending?limit=100");
      if (!data.items.length) break;
      const ids = data.items.map((i: any) => i.comment.id);
      expect((await admin("POST", "/demo-band/moderation", { action: "reject", ids, reason: "other" })).status).toBe(200);
    }
    expect((await admin("PUT", "/demo-band/settings", { ...(await bandIdentity()), settings: { premoderation: true } })).status).toBe(200);
    try {
      for (let i = 1; i <= 100; i++) await postComment("demo-band", BAND_STORY, `Owl ${i}`, unique(`Held comment number ${i}`));
    } finally {
      expect((await admin("PUT", "/demo-band/settings", { ...(await bandIdentity()), settings: { premoderation: false } })).status).toBe(
        200,
      );
    }
    expect((await admin("GET", "/demo-band/queues/pending?limit=1")).data.counts.pending).toBe(100);

    const { page, pageErrors } = await staffPage("#/demo-band/queues/pending");
    await page.locator("article.item").first().waitFor();
    await page.locator("h1").click();
    let keystrokes = 0;
    const press = async (key: string) => {
      keystrokes++;
      await page.keyboard.press(key);
    };
    const focusedId = () =>
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest("article.item")?.getAttribute("data-comment-id") ?? null);

    await press("j");
    const current = await until(async () => (await focusedId()) !== null, true);
    expect(current).toBe(true);
    const empty = page.getByText("Nothing is waiting for review.");
    for (let guard = 0; guard < 150; guard++) {
      const id = await focusedId();
      if (id === null) break;
      await press("a");
      // Wait for a state, not a time: focus on the next item, or the queue empty.
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const next = await focusedId();
        if ((next !== null && next !== id) || (await empty.isVisible())) break;
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    await empty.waitFor();
    console.info(`100 pending comments cleared in ${keystrokes} keystrokes`);
    expect(keystrokes).toBeLessThanOrEqual(110);
    // Every approval reached the server (approvals are optimistic on screen).
    const left = await until(async () => (await admin("GET", "/demo-band/queues/pending?limit=1")).data.counts.pending, 0, 15_000);
    expect(left).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("opens a person from a queue item with p: their comments, history and notes", async () => {
    const name = unique("Personne E2E").slice(0, 40);
    const first = unique("Premier avis sur les trains de nuit.");
    await postComment("demo-journal", JOURNAL_STORY, name, first);

    const { page, pageErrors } = await staffPage("#/demo-journal/queues/recent");
    await focusByKeyboard(page, first);
    await page.keyboard.press("p");
    const drawer = page.getByRole("dialog", { name });
    await drawer.waitFor();
    await drawer.getByRole("tab", { name: /^Comments \(1\)/ }).waitFor();
    expect(await drawer.textContent()).toContain(first);

    // A note: added, announced, listed, and in the history.
    await drawer.getByRole("tab", { name: /^Notes/ }).click();
    const note = "Lecteur courtois, premier commentaire.";
    await drawer.getByLabel("Add a note").fill(note);
    await drawer.getByRole("button", { name: "Add the note" }).click();
    await announced(page, "Note added");
    await drawer.getByText(note).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/desk-person.png" });

    // Escape closes it, and the keyboard is back on the item.
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });
    expect(await focusedText(page)).toContain(first);
    expect(pageErrors).toEqual([]);

    // The same at 390 px: a full-screen panel, nothing sideways.
    const narrow = await staffPage("#/demo-journal/queues/recent", { width: 390 });
    await focusByKeyboard(narrow.page, first);
    await narrow.page.keyboard.press("p");
    await narrow.page
      .getByRole("dialog", { name })
      .getByRole("tab", { name: /^Comments/ })
      .waitFor();
    await narrow.page.screenshot({ path: "test-results/desk-person-390.png" });
    expect(await scrollsSideways(narrow.page)).toBe(false);
  });

  it("shows a reported comment edited since with the text its reporter saw", async () => {
    const original = unique("Texte tel que signalé");
    const post = await fetch(`${API_ORIGIN}/api/v1/demo-journal/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: API_ORIGIN },
      body: JSON.stringify({ story: JOURNAL_STORY, body: original, author: { name: "Retouche E2E" } }),
    });
    const { comment, commenterToken } = (await post.json()) as any;
    const report = await fetch(`${API_ORIGIN}/api/v1/demo-journal/comments/${comment.id}/reports`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: API_ORIGIN },
      body: JSON.stringify({ reason: "abuse" }),
    });
    expect(report.status).toBe(201);
    const edited = unique("Texte retouché après le signalement");
    const edit = await fetch(`${API_ORIGIN}/api/v1/demo-journal/comments/${comment.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", Origin: API_ORIGIN, Authorization: `Bearer ${commenterToken}` },
      body: JSON.stringify({ body: edited }),
    });
    expect(edit.status).toBe(200);

    const { page, pageErrors } = await staffPage("#/demo-journal/queues/reported");
    const item = itemWith(page, edited);
    await item.waitFor();
    expect(await item.locator(".report-version").textContent()).toContain("about an earlier text (as first posted)");
    await item.getByRole("button", { name: /^Edited \(1 revision\)/ }).click();
    await item.locator(".revision-list").getByText(original).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("draws the figures with uPlot, loaded on demand from an immutable chunk", async () => {
    const { page, pageErrors } = await staffPage("#/demo-journal/queues/pending");
    await page.locator("header .site-badge").waitFor();
    const chunk = page.waitForResponse((r) => r.url().includes("/admin/chunks/") && r.url().endsWith(".js"));
    await page.getByRole("link", { name: "Figures" }).click();
    await page.getByRole("heading", { level: 1, name: "Figures — Le Quotidien" }).waitFor();
    expect((await chunk).headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    await page.locator(".uplot canvas").first().waitFor();
    // Each chart's figures are also a table.
    expect(await page.locator("table").count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/desk-stats.png", fullPage: true });
    expect(pageErrors).toEqual([]);

    await checkNarrow("#/demo-journal/stats", "desk-stats", (p) => p.locator(".uplot canvas").first().waitFor());
  });
});

/** demo-band's name and origins, which a settings PUT carries. */
async function bandIdentity(): Promise<{ name: string; allowedOrigins: string[] }> {
  const { data } = await admin("GET", "/demo-band/settings");
  return { name: data.site.name, allowedOrigins: data.site.allowedOrigins };
}
