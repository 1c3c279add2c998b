// The rebuilt embed in Chromium (issue 8): the first comment before any forms chunk, the composer
// loading on focus, nothing scrolling sideways on a phone, the news banner in every sort, a page
// on Palabre's own origin, avatars and icons, and screenshots of both demos checked with axe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  API_ORIGIN,
  DEMO_ORIGIN,
  composerForm,
  launchBrowser,
  liftFloodLimits,
  postAs,
  seriousViolations,
  signIn,
  type StaffApi,
} from "./support";

const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
const BAND = `${DEMO_ORIGIN}/demo/band/`;
const JOURNAL_STORY = "https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour";
const SHOTS = "test-results/embed";

let browser: Browser;
let admin: StaffApi;
let restoreSettings: (() => Promise<void>) | undefined;
const contexts: BrowserContext[] = [];

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signIn();
  restoreSettings = await liftFloodLimits(admin, ["demo-journal", "demo-band"]);
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await restoreSettings?.();
  for (const c of contexts) await c.close();
  await browser?.close();
});

async function newPage(width = 1000, colorScheme: "light" | "dark" = "light"): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, errors };
}

/** No live socket can open (a proxy refusing WebSockets): the widget falls back to its 15 s poll. */
const blockLiveSocket = (page: Page) => page.routeWebSocket(/\/api\/v1\/[^/]+\/live\?/, (ws) => ws.close());

const firstComment = (page: Page) => page.locator("ul.thread > li.comment").first().waitFor();
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("the embed's first comment and its lazy parts", () => {
  it("shows the first comment before any forms chunk is asked for, then loads the composer on focus and posts", async () => {
    const { page, errors } = await newPage();
    const chunks: string[] = [];
    page.on("request", (r) => r.url().includes("/chunks/") && chunks.push(new URL(r.url()).pathname));
    // The moment the first comment enters the shadow root, in the page's own clock: a mutation
    // observer on the element's shadow root (its callback runs right after the render, before the
    // browser can be idle and ask for the forms).
    await page.addInitScript(() => {
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        if (this.localName === "palabre-comments") {
          new MutationObserver((_, observer) => {
            if (!root.querySelector("li.comment")) return;
            (window as any).palabreFirstComment = performance.now();
            observer.disconnect();
          }).observe(root, { childList: true, subtree: true });
        }
        return root;
      };
    });
    // The language's chunk arrives after the thread, as on a slow network: the forms must still
    // wait for the comments to be on screen.
    await page.route(/\/chunks\/fr-[A-Z0-9]+\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await page.goto(JOURNAL);
    await firstComment(page);
    // The idle browser then loads the forms: wait for it, so that its start time is known.
    await expect
      .poll(() => page.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.includes("/chunks/forms-"))))
      .toBe(true);
    const started = await page.evaluate(() => ({
      shown: (window as any).palabreFirstComment as number,
      chunks: performance
        .getEntriesByType("resource")
        .filter((e) => e.name.includes("/chunks/"))
        .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime })),
    }));
    expect(started.shown).toBeGreaterThan(0);
    const before = started.chunks.filter((c) => c.start < started.shown).map((c) => c.name);
    expect(before.some((c) => /\/chunks\/fr-[A-Z0-9]+\.js$/.test(c))).toBe(true);
    expect(before.filter((c) => /\/chunks\/(forms|fr-more|en)-/.test(c))).toEqual([]);

    // The collapsed composer opens on focus alone (keyboard), with the text field focused.
    const join = page.getByRole("button", { name: "Rejoindre la discussion…" });
    await join.focus();
    const form = page.getByRole("form", { name: "Écrire un commentaire" });
    await form.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.querySelector("palabre-comments")!.shadowRoot!.activeElement?.id))
      .toBe("body-new");
    expect(chunks.some((c) => /\/chunks\/forms-[A-Z0-9]+\.js$/.test(c))).toBe(true);
    const text = unique("Depuis le champ replié");
    await form.getByLabel("Votre nom").fill("Nadia E2E");
    await form.getByLabel("Votre commentaire").fill(text);
    await form.getByRole("button", { name: "Publier" }).click();
    await page.locator("ul.thread > li", { hasText: text }).waitFor();
    expect(errors).toEqual([]);
  });

  it("serves its chunks with content-hashed names, immutable for a year, to any origin", async () => {
    const { page } = await newPage();
    const seen: { url: string; cache: string | null; cors: string | null }[] = [];
    page.on("response", (r) => {
      if (r.url().includes("/chunks/"))
        seen.push({ url: r.url(), cache: r.headers()["cache-control"] ?? null, cors: r.headers()["access-control-allow-origin"] ?? null });
    });
    await page.goto(JOURNAL);
    await firstComment(page);
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect(s.url).toMatch(/^http:\/\/localhost:8787\/chunks\/[a-z-]+-[A-Z0-9]{8}\.js$/);
      expect(s.cache).toContain("immutable");
      expect(s.cache).toContain("max-age=31536000");
      expect(s.cors).toBe("*");
    }
  });
});

describe("a phone-sized screen", () => {
  it.each([320, 390])("never scrolls sideways at %i px, with one's own comment, a reply form and an error open", async (width) => {
    const { page, errors } = await newPage(width);
    await page.goto(JOURNAL);
    await firstComment(page);
    const form = await composerForm(page, "Écrire un commentaire");
    await form.getByLabel("Votre nom").fill("Personne au nom assez long pour un petit écran");
    const text = unique(
      "Un avis écrit depuis un téléphone, avec un lien https://www.lequotidien.example/un/chemin/tres/long/qui/ne/se/coupe/pas",
    );
    await form.getByLabel("Votre commentaire").fill(text);
    await form.getByRole("button", { name: "Publier" }).click();
    const mine = page.locator("ul.thread > li", { hasText: text.slice(0, 30) });
    await mine.getByRole("button", { name: /^Supprimer/ }).waitFor();
    expect(await mine.getByRole("button", { name: /^Modifier/ }).isVisible()).toBe(true);
    // A reply form with an error in it: an empty reply to the first comment of the seed's thread.
    const other = page.locator("ul.thread > li").nth(1);
    await other
      .getByRole("button", { name: /^Répondre à / })
      .first()
      .click();
    const reply = page.getByRole("form", { name: /^Répondre à / });
    await reply.getByRole("button", { name: "Publier" }).click();
    await reply.getByRole("alert").waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // Each action button is inside the viewport (none cut at the edge).
    const edges = await mine.locator(".tools button").evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().right));
    for (const right of edges) expect(right).toBeLessThanOrEqual(width);
    expect(errors).toEqual([]);
  });
});

describe("the news banner in every sort", () => {
  it("stays silent after sorting by oldest and top with nothing new, and counts one new comment in each", async () => {
    const { page, errors } = await newPage();
    // This tests the poll, which runs when no live socket can open (live.test.ts tests the socket).
    await blockLiveSocket(page);
    // The page's clock drives the 15 s poll; the requests themselves are real.
    await page.clock.install();
    await page.goto(JOURNAL);
    await firstComment(page);
    const banner = page.locator("button.news");
    const tick = async () => {
      const answered = page.waitForResponse((r) => r.url().includes("/news?"));
      await page.clock.runFor(15_500);
      await answered;
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    };
    for (const sort of ["les plus anciens", "les plus appréciés"]) {
      const loaded = page.waitForResponse((r) => r.url().includes("/thread?"));
      await page.getByLabel(/^Trier par/).selectOption({ label: sort });
      await loaded;
      await tick();
      expect(await banner.count(), `silent after sorting by ${sort}`).toBe(0);
      const text = unique(`Nouveau pendant le tri ${sort}`);
      await postAs("demo-journal", JOURNAL_STORY, "Autre lecteur", text);
      await tick();
      expect(await banner.textContent()).toBe("1 nouveau commentaire");
      await tick();
      expect(await banner.textContent(), "announced once, not again and again").toBe("1 nouveau commentaire");
      await banner.click();
      await page.locator("ul.thread > li", { hasText: text }).waitFor();
      expect(await banner.count()).toBe(0);
    }
    expect(errors).toEqual([]);
  });

  it("does not announce a reply in a thread that is not on the page", async () => {
    // A story whose first comment is pages down (newest first): 25 newer ones follow it.
    const story = unique("news-off-page").replaceAll(" ", "-");
    const first = await postAs("demo-journal", story, "Premier", unique("Le tout premier avis"));
    for (let i = 0; i < 25; i++) await postAs("demo-journal", story, "Suivant", unique(`Avis ${i}`));
    const { page } = await newPage();
    await blockLiveSocket(page);
    await page.clock.install();
    await page.goto(JOURNAL);
    await firstComment(page);
    await page.evaluate((key) => {
      const el = document.createElement("palabre-comments");
      el.setAttribute("site", "demo-journal");
      el.setAttribute("story", key);
      el.id = "off-page";
      document.body.prepend(el);
    }, story);
    const thread = page.locator("#off-page");
    await thread.locator("li.comment").first().waitFor();
    expect(await thread.locator(`#comment-${first}`).count()).toBe(0);
    const tick = async () => {
      const answered = page.waitForResponse((r) => r.url().includes("/news?") && r.url().includes("news-off-page"));
      await page.clock.runFor(15_500);
      await answered;
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    };
    await postAs("demo-journal", story, "Autre lecteur", unique("Réponse hors page"), first);
    await tick();
    await tick();
    expect(await thread.locator("button.news").count()).toBe(0);
    // A new comment of its own is announced alone.
    await postAs("demo-journal", story, "Autre lecteur", unique("Nouveau en haut"));
    await tick();
    expect(await thread.locator("button.news").textContent()).toBe("1 nouveau commentaire");
  });
});

describe("Palabre's own origin", () => {
  it("opens a new discussion on a page served by the Palabre server itself", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${API_ORIGIN}/demo/journal/`);
    await firstComment(page);
    const story = unique("same-origin-e2e").replaceAll(" ", "-");
    await page.evaluate((key) => {
      const el = document.createElement("palabre-comments");
      el.setAttribute("site", "demo-journal");
      el.setAttribute("story", key);
      el.id = "same-origin";
      document.body.append(el);
      el.scrollIntoView();
    }, story);
    const fresh = page.locator("#same-origin");
    await fresh.getByText("Soyez le premier à réagir").waitFor();
    expect(await fresh.getByText("Cette discussion n’existe pas.").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("the 2026 look", () => {
  it("shows avatars (initials on a colour) and icon buttons with visible labels", async () => {
    const { page } = await newPage();
    await page.goto(JOURNAL);
    await firstComment(page);
    const first = page.locator("ul.thread > li.comment").first();
    const avatar = first.locator(".avatar").first();
    expect(await avatar.textContent()).toMatch(/^\p{Lu}{1,2}$|^\?$|^\d/u);
    const box = await avatar.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(28);
    expect(Math.abs(box!.width - box!.height)).toBeLessThan(1);
    const bg = await avatar.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe("rgba(0, 0, 0, 0)");
    for (const name of [/^J['’]apprécie/, /^Répondre à /, /^Signaler /]) {
      const button = first.getByRole("button", { name }).first();
      const icon = button.locator("svg.icon");
      expect(await icon.count(), String(name)).toBe(1);
      expect((await icon.boundingBox())!.width).toBeGreaterThan(10);
      // biome-ignore lint/performance/useDomNodeTextContent: the button's visible label is what is checked, not text hidden from view
      expect((await button.innerText()).trim().length).toBeGreaterThan(0);
    }
  });

  it.each([
    ["journal", JOURNAL],
    ["band", BAND],
  ])("looks native on the %s demo, light and dark, desktop and 390 px, with nothing serious for axe", async (name, url) => {
    for (const scheme of ["light", "dark"] as const) {
      for (const width of [1280, 390]) {
        const { page, errors } = await newPage(width, scheme);
        await page.goto(url);
        await firstComment(page);
        await page.evaluate(() => document.fonts.ready);
        const el = page.locator("palabre-comments");
        await el.scrollIntoViewIfNeeded();
        await el.screenshot({ path: `${SHOTS}/${name}-${scheme}-${width}.png` });
        expect(await overflow(page), `${name} ${scheme} ${width}`).toBeLessThanOrEqual(0);
        expect(await seriousViolations(page), `${name} ${scheme} ${width}`).toEqual([]);
        expect(errors).toEqual([]);
      }
    }
  });
});
