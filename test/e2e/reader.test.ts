// The complete reader experience on the demo pages, in Chromium, against `wrangler dev`: a guest's
// own comments (edit, delete, placeholder), SSO sign-in on the band page, reactions, live news from
// another reader, a permalink deep in a long thread, comment counts in one request, accessibility
// (axe-core) and both demos in light and dark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  API_ORIGIN,
  DEMO_BAND_SSO_SECRET,
  DEMO_ORIGIN,
  launchBrowser,
  liftFloodLimits,
  seriousViolations,
  signIn,
  signSsoToken,
  until,
  type StaffApi,
  composerForm,
} from "./support";

const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
const HOME = `${DEMO_ORIGIN}/demo/journal/accueil/`;
const BAND = `${DEMO_ORIGIN}/demo/band/`;
const JOURNAL_STORY = "https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour";
const BAND_STORY = "news/2026-european-tour";

let browser: Browser;
let admin: StaffApi;
let restoreSettings: (() => Promise<void>) | undefined;

/** Replaces some of a site's settings (keeping the others as they are now). */
async function changeSettings(site: string, change: Record<string, unknown>): Promise<void> {
  const { data } = await admin("GET", `/${site}/settings`);
  const put = await admin("PUT", `/${site}/settings`, {
    name: data.site.name,
    allowedOrigins: data.site.allowedOrigins,
    settings: { ...data.settings, ...change },
  });
  expect(put.status).toBe(200);
}

/** Posts through the reader API from the test process, as a new guest unless a bearer is given. */
async function postAs(
  site: string,
  story: string,
  name: string,
  body: string,
  options: { parentId?: number; bearer?: string } = {},
): Promise<{ id: number; token?: string }> {
  const res = await fetch(`${API_ORIGIN}/api/v1/${site}/comments`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Origin: API_ORIGIN,
      ...(options.bearer ? { Authorization: `Bearer ${options.bearer}` } : {}),
    },
    body: JSON.stringify({ story, body, parentId: options.parentId, author: { name } }),
  });
  const data = (await res.json()) as { comment: { id: number; status: string }; commenterToken?: string };
  expect([res.status, data.comment?.status]).toEqual([201, "published"]);
  return { id: data.comment.id, token: data.commenterToken };
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signIn();
  restoreSettings = await liftFloodLimits(admin, ["demo-journal", "demo-band"]);
});

afterAll(async () => {
  await restoreSettings?.();
  await browser?.close();
});

interface Opened {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  pageErrors: string[];
}

/** A fresh profile (empty localStorage) on a demo page; waits for the thread unless told not to. */
async function open(
  url: string,
  options: { colorScheme?: "light" | "dark"; wait?: boolean; setup?: (page: Page) => Promise<unknown> } = {},
): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, colorScheme: options.colorScheme ?? "light" });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  // A confirm() (deleting a comment) is accepted.
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await options.setup?.(page);
  await page.goto(url);
  if (options.wait !== false) await threadLoaded(page);
  return { context, page, dialogs, pageErrors };
}

const threadLoaded = (page: Page) => page.getByRole("heading", { level: 2, name: /^(Commentaires|Comments) \(\d+\)$/ }).waitFor();

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The innermost comment (li) whose text contains `text`. */
const commentWith = (page: Page, text: string) => page.locator("li.comment", { hasText: text }).last();

const heading = (page: Page) => page.getByRole("heading", { level: 2, name: /^(Commentaires|Comments) \(\d+\)$/ });
const shownCount = async (page: Page) => Number(/\((\d+)\)/.exec((await heading(page).textContent()) ?? "")![1]);

/** The number a reaction button shows next to its label (0 when it shows none). */
const reactionCount = async (page: Page, commentId: number) => {
  const text = (await page.locator(`#likes-${commentId}`).textContent()) ?? "";
  return Number(/(\d+)/.exec(text)?.[1] ?? 0);
};

describe("a guest's own comments on the journal", () => {
  it("posts, reloads, edits (marked modifié) and deletes a comment", async () => {
    const { page, pageErrors } = await open(JOURNAL);
    const before = await shownCount(page);
    const composer = await composerForm(page, "Écrire un commentaire");
    const text = unique("Le train de nuit pour Nice était parfait");
    await composer.getByLabel("Votre nom").fill("Agathe E2E");
    await composer.getByRole("textbox", { name: "Votre commentaire" }).fill(text);
    await composer.getByRole("button", { name: "Publier" }).click();
    await commentWith(page, text).waitFor();

    await page.reload();
    await threadLoaded(page);
    const mine = commentWith(page, text);
    await mine.waitFor();
    const id = Number((await mine.getAttribute("id"))!.slice("comment-".length));
    const comment = page.locator(`#comment-${id}`);
    expect(await shownCount(page)).toBe(before + 1);

    // Edit: the text is changed in place and marked "modifié", also after a reload.
    await comment
      .getByRole("button", { name: /^Modifier/ })
      .first()
      .click();
    const editor = comment.getByRole("textbox").first();
    await editor.waitFor();
    expect(await editor.inputValue()).toBe(text);
    const edited = `${text} (et le retour aussi)`;
    await editor.fill(edited);
    await comment
      .getByRole("button", { name: /^(Enregistrer|Publier)/ })
      .first()
      .click();
    await comment.locator(".body").first().filter({ hasText: "et le retour aussi" }).waitFor();
    expect(await comment.locator('[part="edited"]').first().textContent()).toBe("modifié");
    await page.reload();
    await threadLoaded(page);
    expect(await comment.locator(".body").first().textContent()).toContain("(et le retour aussi)");
    expect(await comment.locator('[part="edited"]').first().textContent()).toBe("modifié");
    // Others' comments have neither button.
    expect(
      await page
        .locator("#comment-1")
        .getByRole("button", { name: /^(Modifier|Supprimer)/ })
        .count(),
    ).toBe(0);

    // Delete, after confirming: it is gone, and stays gone after a reload.
    await comment
      .getByRole("button", { name: /^Supprimer/ })
      .first()
      .click();
    await comment.getByText("Supprimer ce commentaire ?").waitFor();
    await comment.getByRole("button", { name: "Oui, supprimer" }).click();
    await comment.waitFor({ state: "detached" });
    expect(await shownCount(page)).toBe(before);
    await page.reload();
    await threadLoaded(page);
    expect(await commentWith(page, text).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("stores a post once when its first answer is lost and the reader sends it again", async () => {
    const { page, pageErrors } = await open(JOURNAL);
    const text = unique("Mon wifi de train a coupé en publiant");
    // The first try reaches the server and is stored, but its answer never reaches the page.
    let tries = 0;
    await page.route("**/api/v1/demo-journal/comments", async (route) => {
      if (route.request().method() !== "POST" || ++tries > 1) return route.continue();
      await route.fetch();
      await route.abort("connectionreset");
    });
    const composer = await composerForm(page, "Écrire un commentaire");
    await composer.getByLabel("Votre nom").fill("Wifi E2E");
    await composer.getByRole("textbox", { name: "Votre commentaire" }).fill(text);
    await composer.getByRole("button", { name: "Publier" }).click();
    await composer.getByText("Impossible de joindre le serveur des commentaires.", { exact: false }).waitFor();
    // The text is kept; sending it again gets the first result back, under the same identity.
    await composer.getByRole("button", { name: "Publier" }).click();
    await commentWith(page, text).waitFor();
    expect(tries).toBe(2);
    const thread = await fetch(`${API_ORIGIN}/api/v1/demo-journal/thread?story=${encodeURIComponent(JOURNAL_STORY)}&limit=100`, {
      headers: { Origin: API_ORIGIN },
    });
    const bodies = ((await thread.json()) as any).comments.map((c: any) => c.body);
    expect(bodies.filter((b: string) => b === text)).toHaveLength(1);
    // The reader is the author: they may edit it.
    await page.reload();
    await threadLoaded(page);
    await commentWith(page, text)
      .getByRole("button", { name: /^Modifier/ })
      .first()
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("leaves a “Commentaire supprimé” placeholder when the deleted comment has replies", async () => {
    const { page, pageErrors } = await open(JOURNAL);
    const composer = await composerForm(page, "Écrire un commentaire");
    const text = unique("Qui connaît un bon wagon-restaurant ?");
    await composer.getByLabel("Votre nom").fill("Basile E2E");
    await composer.getByRole("textbox", { name: "Votre commentaire" }).fill(text);
    await composer.getByRole("button", { name: "Publier" }).click();
    const mine = commentWith(page, text);
    await mine.waitFor();
    const id = Number((await mine.getAttribute("id"))!.slice("comment-".length));
    const replyText = unique("Celui du Paris–Vienne, sans hésiter");
    const reply = await postAs("demo-journal", JOURNAL_STORY, "Chantal", replyText, { parentId: id });
    await page.reload();
    await threadLoaded(page);
    const comment = page.locator(`#comment-${id}`);
    await comment.locator(`#comment-${reply.id}`).waitFor();

    await comment
      .getByRole("button", { name: /^Supprimer/ })
      .first()
      .click();
    await comment.getByRole("button", { name: "Oui, supprimer" }).click();
    await comment.getByText("Commentaire supprimé").first().waitFor();
    expect(await comment.textContent()).not.toContain(text);
    expect(await comment.textContent()).not.toContain("Basile E2E");
    // The reply keeps its place under the placeholder, also after a reload.
    await page.reload();
    await threadLoaded(page);
    expect(await comment.getByText("Commentaire supprimé").count()).toBeGreaterThan(0);
    expect(await comment.locator(`#comment-${reply.id}`).textContent()).toContain(replyText);
    // A placeholder can be neither edited, deleted again nor liked.
    expect(await page.locator(`#comment-${id} > .tools`).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

describe("sign-in through the site (SSO) on the band page", () => {
  it("signs in with the page's fan club box, posts under the fan club name, and signs out", async () => {
    const { page, pageErrors } = await open(BAND);
    const name = unique("Night Owl").slice(0, 40);
    await page.getByLabel("Fan club name").fill(name);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByText(`Signed in to the fan club as ${name}.`).waitFor();

    const composer = await composerForm(page, "Write a comment");
    // Signed in, the reader does not type a name.
    await until(() => composer.getByLabel("Your name").count(), 0);
    expect(await composer.getByLabel("Your name").count()).toBe(0);
    const text = unique("Signed-in fans get the front row, right?");
    await composer.getByRole("textbox", { name: "Your comment" }).fill(text);
    await composer.getByRole("button", { name: "Publish" }).click();
    const comment = commentWith(page, text);
    await comment.waitFor();
    expect(await comment.getByRole("heading", { level: 3 }).first().textContent()).toContain(name);

    // The fan club session survives a reload (the page signs a fresh token), and the comment is theirs.
    await page.reload();
    await threadLoaded(page);
    const again = commentWith(page, text);
    await again.getByRole("button", { name: /^Edit/ }).first().waitFor();
    expect(await again.getByRole("button", { name: /^Delete/ }).count()).toBeGreaterThan(0);

    // Signed out: the name field is back and the comment is no longer shown as theirs.
    await page.getByRole("button", { name: "Sign out" }).click();
    await (await composerForm(page, "Write a comment")).getByLabel("Your name").waitFor();
    await until(() => again.getByRole("button", { name: /^Edit/ }).count(), 0);
    expect(await again.getByRole("button", { name: /^Edit/ }).count()).toBe(0);
    expect(await again.getByRole("button", { name: /^Delete/ }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("shows why a forged or expired token is refused", async () => {
    const { page } = await open(BAND);
    const forged = signSsoToken("not-the-band-secret-but-long-enough-to-look-real", { sub: "mallory", name: "Mallory" });
    await page.evaluate((t) => (window as any).palabre.login(t), forged);
    const composer = await composerForm(page, "Write a comment");
    const text = unique("Trying to sneak in");
    await composer.getByRole("textbox", { name: "Your comment" }).fill(text);
    const nameField = composer.getByLabel("Your name");
    if (await nameField.count()) await nameField.fill("Mallory");
    const refused = page.waitForResponse((r) => r.url().endsWith("/comments") && r.request().method() === "POST");
    await composer.getByRole("button", { name: "Publish" }).click();
    expect((await refused).status()).toBe(401);
    await page.getByRole("alert").first().waitFor();
    expect(await page.getByRole("alert").first().textContent()).toMatch(/sign/i);
    expect(await commentWith(page, text).count()).toBe(0);

    const expired = signSsoToken(DEMO_BAND_SSO_SECRET, { sub: "late-fan", name: "Late Fan", exp: Math.floor(Date.now() / 1000) - 60 });
    const res = await fetch(`${API_ORIGIN}/api/v1/demo-band/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: API_ORIGIN, Authorization: `Bearer ${expired}` },
      body: JSON.stringify({ story: BAND_STORY, body: unique("Too late"), author: { name: "Late Fan" } }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe("sso_token_expired");
  });

  it("asks guests to sign in when the site turns guest posting off", async () => {
    await changeSettings("demo-band", { guestPosting: false });
    try {
      const { page, pageErrors } = await open(BAND);
      // The widget goes to the site's loginUrl (on localhost): the event is recorded in the test process.
      const requested: boolean[] = [];
      await page.exposeFunction("loginRequested", (composedAndBubbling: boolean) => requested.push(composedAndBubbling));
      await page.evaluate(() =>
        document.addEventListener("palabre:login-requested", (e) => (window as any).loginRequested(e.composed && e.bubbles)),
      );
      const button = page.getByRole("button", { name: "Sign in to comment" }).or(page.getByRole("link", { name: "Sign in to comment" }));
      await button.first().waitFor();
      expect(await page.getByRole("form", { name: "Write a comment" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Join the discussion…" }).count()).toBe(0);
      await button.first().click();
      await page.waitForURL(/#fan-club$/);
      expect(requested).toEqual([true]);
      expect(pageErrors).toEqual([]);

      // Signed in, the reader may post.
      await page.getByLabel("Fan club name").fill("Strict Owl");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      const composer = await composerForm(page, "Write a comment");
      await composer.waitFor();
      const text = unique("Members only, fair enough");
      await composer.getByRole("textbox", { name: "Your comment" }).fill(text);
      await composer.getByRole("button", { name: "Publish" }).click();
      await commentWith(page, text).waitFor();
    } finally {
      await changeSettings("demo-band", { guestPosting: true });
    }
  });
});

describe("reactions, live news and permalinks", () => {
  it("toggles “J’apprécie”, with the count, kept after a reload", async () => {
    const { id } = await postAs("demo-journal", JOURNAL_STORY, "Denis", unique("Les trains de nuit, c’est l’avenir"));
    const { page, pageErrors } = await open(JOURNAL);
    await page.evaluate(() => document.addEventListener("palabre:reacted", (e) => ((window as any).reacted = (e as CustomEvent).detail)));
    const like = page
      .locator(`#comment-${id}`)
      .getByRole("button", { name: /^J[’']apprécie/ })
      .first();
    expect(await like.getAttribute("aria-pressed")).toBe("false");
    const before = await reactionCount(page, id);
    await like.click();
    expect(await until(() => like.getAttribute("aria-pressed"), "true")).toBe("true");
    expect(await until(() => reactionCount(page, id), before + 1)).toBe(before + 1);
    expect(await until(() => page.evaluate(() => (window as any).reacted?.reacted ?? null), true)).toBe(true);

    await page.reload();
    await threadLoaded(page);
    expect(await like.getAttribute("aria-pressed")).toBe("true");
    expect(await reactionCount(page, id)).toBe(before + 1);

    await like.click();
    expect(await until(() => like.getAttribute("aria-pressed"), "false")).toBe("false");
    expect(await until(() => reactionCount(page, id), before)).toBe(before);

    // The liked comments lead when sorted by "les plus appréciés".
    await like.click();
    expect(await until(() => like.getAttribute("aria-pressed"), "true")).toBe("true");
    await page.getByLabel(/^Trier par/).selectOption({ label: "les plus appréciés" });
    // Most liked first: the counts of the top-level comments never go up down the list.
    const topCounts = () =>
      page
        .locator("ul.thread > li")
        .evaluateAll((lis) => lis.map((li) => Number(li.querySelector(`#likes-${li.id.slice(8)}`)?.textContent ?? 0)));
    const sorted = async () => {
      const c = await topCounts();
      return c.length > 0 && c[0]! >= 1 && c.every((n, i) => i === 0 || n <= c[i - 1]!);
    };
    expect(await until(sorted, true)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it("announces “1 nouveau commentaire” from another reader, and shows it on request", async () => {
    const first = await open(JOURNAL, { setup: (p) => p.clock.install() });
    const firstIds = await first.page.locator("ul.thread > li").evaluateAll((lis) => lis.map((li) => li.id));

    // A second reader, in another browser context, posts.
    const second = await open(JOURNAL);
    const text = unique("Réservé pour Noël, couchette à six");
    const composer = await composerForm(second.page, "Écrire un commentaire");
    await composer.getByLabel("Votre nom").fill("Second lecteur");
    await composer.getByRole("textbox", { name: "Votre commentaire" }).fill(text);
    await composer.getByRole("button", { name: "Publier" }).click();
    await commentWith(second.page, text).waitFor();

    // Within the polling interval (15 s), the first reader is told, and nothing moves under their eyes.
    const news = first.page.getByRole("button", { name: "1 nouveau commentaire" });
    for (let i = 0; i < 40 && !(await news.count()); i++) {
      await first.page.clock.fastForward(1000);
      await first.page.waitForTimeout(100);
    }
    await news.waitFor({ timeout: 20_000 });
    expect(await commentWith(first.page, text).count()).toBe(0);
    expect(await first.page.locator("ul.thread > li").evaluateAll((lis) => lis.map((li) => li.id))).toEqual(firstIds);
    await news.click();
    await commentWith(first.page, text).waitFor();
    expect(await news.count()).toBe(0);
    expect([...first.pageErrors, ...second.pageErrors]).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  it("opens a permalink to a reply deep in a thread on page 3: loaded, scrolled to and highlighted", async () => {
    // Newest first, 20 a page: a thread posted, then 45 newer ones, puts it on page 3 of the band's story.
    const root = await postAs("demo-band", BAND_STORY, "First Fan", unique("The very first thread of the tour"));
    let target = 0;
    for (let i = 1; i <= 5; i++)
      target = (await postAs("demo-band", BAND_STORY, `Replier ${i}`, unique(`Deep reply ${i}`), { parentId: root.id })).id;
    for (let i = 1; i <= 45; i++) await postAs("demo-band", BAND_STORY, `Fan ${i}`, unique(`Count me in for city ${i}`));

    const { page, pageErrors } = await open(`${BAND}#comment-${target}`, { wait: false });
    const comment = page.locator(`#comment-${target}`);
    await comment.waitFor({ timeout: 15_000 });
    // The reply beyond the thread's first three is there, under its root, in view and highlighted.
    expect(await page.locator(`#comment-${root.id} #comment-${target}`).count()).toBe(1);
    expect(await page.locator("ul.thread > li").count()).toBeGreaterThan(40);
    expect(await comment.getAttribute("class")).toContain("flash");
    const inView = await comment.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top < innerHeight && box.bottom > 0;
    });
    expect(inView).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

describe("counts on the journal's home page", () => {
  it("shows each teaser's comment count, all fetched in one request", async () => {
    const counts: string[] = [];
    const { page, pageErrors } = await open(HOME, {
      wait: false,
      setup: async (p) => p.on("request", (r) => r.url().includes("/counts?") && counts.push(r.url())),
    });
    await page.waitForFunction(() =>
      /\d/.test(
        document.querySelector("palabre-count")?.shadowRoot?.textContent ?? document.querySelector("palabre-count")?.textContent ?? "",
      ),
    );
    const answer = (await (
      await fetch(`${API_ORIGIN}/api/v1/demo-journal/counts?story=${encodeURIComponent(JOURNAL_STORY)}`)
    ).json()) as any;
    const n = answer.counts[JOURNAL_STORY] as number;
    expect(n).toBeGreaterThan(0);
    const text = async (i: number) =>
      page
        .locator("palabre-count")
        .nth(i)
        .evaluate((el) => (el.shadowRoot?.textContent ?? el.textContent ?? "").trim());
    expect(await text(0)).toBe(`${n} commentaire${n > 1 ? "s" : ""}`);
    expect(await text(1)).toBe("0 commentaire");
    expect(counts.length).toBe(1);
    const keys = new URL(counts[0]!).searchParams.getAll("story");
    expect(keys).toHaveLength(4);
    expect(keys).toContain(JOURNAL_STORY);
    expect(pageErrors).toEqual([]);
  });
});

describe("accessibility and looks", () => {
  it("axe-core finds no serious or critical violation with a thread, a reply composer open and an error shown", async () => {
    const { page } = await open(JOURNAL);
    // The first thread on the page (other tests may have pushed the seed's comments further down).
    await page
      .locator("ul.thread > li")
      .first()
      .getByRole("button", { name: /^Répondre à / })
      .first()
      .click();
    await page.getByRole("form", { name: /^Répondre à / }).waitFor();
    const composer = await composerForm(page, "Écrire un commentaire");
    await composer.getByLabel("Votre nom").fill("");
    await composer.getByRole("textbox", { name: "Votre commentaire" }).fill("Un avis sans nom");
    await composer.getByRole("button", { name: "Publier" }).click();
    await composer.getByRole("alert").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("axe-core finds no serious or critical violation on the band page, signed in, in dark", async () => {
    const { page } = await open(BAND, { colorScheme: "dark" });
    await page.getByLabel("Fan club name").fill("Axe Owl");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByText("Signed in to the fan club as Axe Owl.").waitFor();
    await page
      .locator("ul.thread > li")
      .first()
      .getByRole("button", { name: /^Reply to / })
      .first()
      .click();
    await page.getByRole("form", { name: /^Reply to / }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("takes screenshots of both demos in light and dark", async () => {
    mkdirSync("test-results", { recursive: true });
    for (const [name, url] of [
      ["journal", JOURNAL],
      ["band", BAND],
    ] as const) {
      for (const colorScheme of ["light", "dark"] as const) {
        const { page, context, pageErrors } = await open(url, { colorScheme });
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        await page.waitForTimeout(200);
        await page.screenshot({ path: `test-results/${name}-${colorScheme}.png`, fullPage: true });
        // The page follows the scheme: a light background in light, a dark one in dark.
        const [r, g, b] = background.match(/\d+/g)!.map(Number) as [number, number, number];
        const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        expect(colorScheme === "dark" ? luminance < 0.3 : luminance > 0.7).toBe(true);
        expect(pageErrors).toEqual([]);
        await context.close();
      }
    }
  });
});
