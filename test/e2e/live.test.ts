// Live threads without polling (issue 14): two readers of the demo journal; the second posts and the
// first is told within 2 s through the story's WebSocket, with no news request in its network log
// until it asks to see the comment. With WebSockets blocked, the 15 s poll takes over.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_ORIGIN, composerForm, launchBrowser, liftFloodLimits, postAs, signIn } from "./support";

const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
const JOURNAL_STORY = "https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour";

let browser: Browser;
let restore: (() => Promise<void>) | undefined;
const contexts: BrowserContext[] = [];

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  browser = await launchBrowser();
  restore = await liftFloodLimits(await signIn(), ["demo-journal"]);
});

afterAll(async () => {
  await restore?.();
  for (const c of contexts) await c.close();
  await browser?.close();
});

async function reader(): Promise<{ page: Page; errors: string[]; news: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: "fr-FR" });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  const news: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => {
    if (r.url().includes("/news?")) news.push(r.url());
  });
  return { page, errors, news };
}

const firstComment = (page: Page) => page.locator("ul.thread > li.comment").first().waitFor();

describe("live threads", () => {
  it("tells a reader of a new comment within 2 s through the story's socket, with no poll", async () => {
    const first = await reader();
    const socket = first.page.waitForEvent("websocket", (ws) => ws.url().includes("/live?"));
    // When its socket opens, the widget asks once for what it may have missed: after that, nothing.
    const caughtUp = first.page.waitForResponse((r) => r.url().includes("/news?"));
    await first.page.goto(JOURNAL);
    await firstComment(first.page);
    const ws = await socket;
    expect(new URL(ws.url()).searchParams.get("story")).toBe(JOURNAL_STORY);
    await caughtUp;
    const newsBefore = first.news.length;

    const second = await reader();
    await second.page.goto(JOURNAL);
    await firstComment(second.page);
    const text = unique("Publié par un autre lecteur");
    const form = await composerForm(second.page, "Écrire un commentaire");
    await form.getByLabel("Votre nom").fill("Second lecteur");
    await form.getByRole("textbox", { name: "Votre commentaire" }).fill(text);
    const notice = ws.waitForEvent("framereceived", (f) => typeof f.payload === "string" && f.payload.includes('"new"'));
    await form.getByRole("button", { name: "Publier" }).click();
    await second.page.locator("ul.thread > li", { hasText: text }).waitFor();

    const banner = first.page.locator("button.news");
    await banner.waitFor({ timeout: 2000 });
    expect(await banner.textContent()).toBe("1 nouveau commentaire");
    await notice;
    expect(first.news.slice(newsBefore), "no news request: the socket told").toEqual([]);

    // Shown on request, by the news request as before.
    await banner.click();
    await first.page.locator("ul.thread > li", { hasText: text }).waitFor();
    expect(first.news.length).toBe(newsBefore + 1);
    expect([...first.errors, ...second.errors]).toEqual([]);
  });

  it("falls back to the 15 s poll when WebSockets are blocked", async () => {
    const { page, errors, news } = await reader();
    const refused: string[] = [];
    await page.routeWebSocket(/\/api\/v1\/[^/]+\/live\?/, (ws) => {
      refused.push(ws.url());
      ws.close();
    });
    await page.clock.install();
    await page.goto(JOURNAL);
    await firstComment(page);
    const text = unique("Vu par le sondage");
    await postAs("demo-journal", JOURNAL_STORY, "Autre lecteur", text);
    const banner = page.locator("button.news");
    // Each tick of the page's clock may poll; the widget also retries its socket, which stays refused.
    for (let i = 0; i < 3 && (await banner.count()) === 0; i++) {
      const answered = page.waitForResponse((r) => r.url().includes("/news?"));
      await page.clock.runFor(15_500);
      await answered;
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    expect(await banner.textContent()).toBe("1 nouveau commentaire");
    expect(refused.length).toBeGreaterThan(0);
    expect(news.length).toBeGreaterThan(0);
    await banner.click();
    await page.locator("ul.thread > li", { hasText: text }).waitFor();
    expect(errors).toEqual([]);
  });
});
