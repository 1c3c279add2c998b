// The widget's DSA part and bot check (issue 11), in Chromium against `wrangler dev`: a comment a
// moderator rejects with a ground shows its statement of reasons to its author on the journal
// demo, who contests it (the appeal is stored); a reader notifies illegal content and gets a
// reference; Turnstile on the band demo, its script stubbed with page.route and siteverify by the
// local stub (test/support/turnstile-stub.ts): posting works with a token, without one it is
// refused and the typed text stays. Screenshots in test-results/dsa-widget/.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import {
  DEMO_ORIGIN,
  composerForm,
  launchBrowser,
  liftFloodLimits,
  postAs,
  seriousViolations,
  signIn,
  until,
  type StaffApi,
} from "./support";

const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
const BAND = `${DEMO_ORIGIN}/demo/band/`;
const JOURNAL_STORY = "https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour";
const SHOTS = "test-results/dsa-widget";
const TURNSTILE = "https://challenges.cloudflare.com/turnstile/v0/api.js";

let browser: Browser;
let admin: StaffApi;
let restoreSettings: (() => Promise<void>) | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  admin = await signIn();
  restoreSettings = await liftFloodLimits(admin, ["demo-journal", "demo-band"]);
});

afterAll(async () => {
  await restoreSettings?.();
  await browser?.close();
});

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const threadLoaded = (page: Page) => page.getByRole("heading", { level: 2, name: /^(Commentaires|Comments) \(\d+\)$/ }).waitFor();
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const commentWith = (page: Page, text: string) => page.locator("li.comment", { hasText: text }).last();
const shadowActiveId = (page: Page) =>
  page.evaluate(() => document.querySelector("palabre-comments")!.shadowRoot!.activeElement?.id ?? null);

/** A fresh profile on a demo page; `scripts` lists the Turnstile script requests it makes. */
async function open(url: string, opts: { width?: number; colorScheme?: "light" | "dark"; setup?: (page: Page) => Promise<unknown> } = {}) {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1000, height: 1200 },
    colorScheme: opts.colorScheme ?? "light",
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const scripts: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("request", (r) => r.url().startsWith("https://challenges.cloudflare.com/") && scripts.push(r.url()));
  await opts.setup?.(page);
  await page.goto(url);
  await threadLoaded(page);
  return { page, context, pageErrors, scripts };
}

/** Each width and scheme: no sideways scroll, and a screenshot of `target`. */
async function shoot(page: Page, name: string, target: () => ReturnType<Page["locator"]>): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1000, 390, 320]) {
      await page.setViewportSize({ width, height: 1200 });
      await page.waitForTimeout(50);
      expect(await overflow(page), `${name} ${scheme} ${width}`).toBeLessThanOrEqual(0);
      if (width !== 320) await target().screenshot({ path: `${SHOTS}/${name}-${scheme}-${width === 1000 ? "desktop" : width}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1000, height: 1200 });
}

describe("the statement of reasons and the appeal (journal demo)", () => {
  it("shows a comment rejected with a ground to its author, who contests it; the appeal is stored", async () => {
    const { page, pageErrors, scripts } = await open(JOURNAL);
    const text = unique("Un commentaire que la modération va retirer");
    const composer = await composerForm(page, "Écrire un commentaire");
    await composer.getByLabel("Votre nom").fill("Auteur DSA");
    await composer.getByRole("textbox", { name: "Votre commentaire" }).fill(text);
    await composer.getByRole("button", { name: "Publier" }).click();
    const comment = commentWith(page, text);
    await comment.waitFor();
    const id = Number((await comment.getAttribute("id"))!.slice("comment-".length));

    const explanation = "Ce commentaire vise un groupe de personnes en raison de leur origine.";
    const rejected = await admin("POST", "/demo-journal/moderation", { action: "reject", ids: [id], ground: "hate_speech", explanation });
    expect(rejected.status).toBe(200);

    // Another reader does not see it at all.
    const other = await open(JOURNAL);
    expect(await other.page.locator(`#comment-${id}`).count()).toBe(0);
    await other.context.close();

    // Its author sees it, marked, with the statement: decision and date, ground, the moderator's
    // words, the facts and how automated means took part, and the way to contest it.
    await page.reload();
    await threadLoaded(page);
    const statement = page.locator(`#comment-${id} section.statement`);
    await statement.waitFor();
    expect(await page.locator(`#comment-${id} .badge.pending`).textContent()).toBe("Non publié");
    const title = (await statement.locator(".statement-title").textContent())!.replace(/\s+/g, " ").trim();
    expect(title).toMatch(/^Retiré le \d{1,2}(er)? \S+ \d{4} · Motif : Discours de haine \(contenu illicite\)$/);
    expect(await statement.textContent()).toContain(explanation);
    expect(await statement.locator(".facts").first().textContent()).toContain("Détection humaine, décision humaine.");
    expect(await statement.getByText(/possible jusqu’au \d/).count()).toBe(1);
    // Neither like, reply nor report on it; no edit either (a rejected comment cannot be changed).
    for (const name of [/^J'apprécie/, /^Répondre/, /^Signaler/, /^Modifier/]) {
      expect(await page.locator(`#comment-${id} .tools`).getByRole("button", { name }).count()).toBe(0);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, "statement", () => page.locator(`#comment-${id}`));

    // Contest: the form opens with focus in its text; too short is refused in words, focus kept.
    await statement.getByRole("button", { name: "Contester" }).click();
    const form = page.getByRole("form", { name: "Pourquoi contestez-vous cette décision ?" });
    await form.waitFor();
    expect(await until(() => shadowActiveId(page), `appeal-${id}`)).toBe(`appeal-${id}`);
    await form.getByRole("textbox").fill("Non.");
    await form.getByRole("button", { name: "Envoyer la contestation" }).click();
    await form.getByRole("alert").filter({ hasText: "Expliquez-vous en 10 caractères au moins." }).waitFor();
    expect(await shadowActiveId(page)).toBe(`appeal-${id}`);
    expect(await form.getByRole("textbox").getAttribute("aria-invalid")).toBe("true");
    const appealText = unique("Je citais un article de presse, pas mon opinion : merci de relire le contexte.");
    await form.getByRole("textbox").fill(appealText);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, "appeal-form", () => page.locator(`#comment-${id}`));
    await form.getByRole("button", { name: "Envoyer la contestation" }).click();

    await statement.getByRole("status").filter({ hasText: "Votre contestation a bien été envoyée." }).waitFor();
    await statement.getByText(/^\s*Contestation envoyée le .+ : la modération la réexamine\.\s*$/).waitFor();
    await form.waitFor({ state: "detached" });
    expect(await shadowActiveId(page)).toBe(`statement-${id}`);
    expect(await statement.getByRole("button", { name: "Contester" }).count()).toBe(0);

    // Stored: in the Appeals queue, with the author's words; a second appeal is refused.
    const queue = await admin("GET", "/demo-journal/queues/appeals");
    expect(queue.status).toBe(200);
    const item = queue.data.items.find((i: { comment: { id: number } }) => i.comment.id === id);
    expect(item?.appeal.status).toBe("open");
    expect(JSON.stringify(item)).toContain(appealText.split(" ").at(-1));

    // After a reload the state is the server's.
    await page.reload();
    await threadLoaded(page);
    await page.locator(`#comment-${id} .appeal-state`).filter({ hasText: "la modération la réexamine" }).waitFor();
    await shoot(page, "appeal-sent", () => page.locator(`#comment-${id}`));
    // A guest's composer on a site without the bot check never asks for Turnstile's script.
    expect(scripts).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe("the notice of illegal content", () => {
  it("is sent by a reader without an account from a comment's report menu, who gets a reference at once", async () => {
    const text = unique("Un commentaire qu’un lecteur estime illicite");
    const id = await postAs("demo-journal", JOURNAL_STORY, "Commentateur", text);
    const { page, pageErrors, scripts } = await open(JOURNAL);
    const comment = page.locator(`#comment-${id}`);
    await comment.getByRole("button", { name: "Signaler le commentaire de Commentateur" }).click();
    const report = page.getByRole("form", { name: "Signaler le commentaire de Commentateur" });
    await report.waitFor();
    // The ordinary report stays as it was; the notice is one click away.
    expect(await report.getByRole("radio").count()).toBe(4);
    await report.getByRole("button", { name: "Signaler un contenu illicite" }).click();
    const form = comment.getByRole("form", { name: "Signaler un contenu illicite" });
    await form.waitFor();
    expect(await until(() => shadowActiveId(page), `notice-ground-${id}`)).toBe(`notice-ground-${id}`);

    // Each missing piece is said in words, focus on the field at fault.
    const send = form.getByRole("button", { name: "Envoyer le signalement" });
    await send.click();
    await form.getByRole("alert").filter({ hasText: "Choisissez le motif légal du signalement." }).waitFor();
    expect(await shadowActiveId(page)).toBe(`notice-ground-${id}`);
    await form.getByLabel("Motif légal").selectOption("defamation");
    await form
      .getByLabel("En quoi ce contenu est-il illicite ?")
      .fill("Ce commentaire m’accuse nommément d’un délit que je n’ai pas commis.");
    await form.getByLabel("Votre nom (facultatif)").fill("Claire Martin");
    await form.getByLabel(/^Votre courriel/).fill("claire.martin@example.org");
    await send.click();
    await form.getByRole("alert").filter({ hasText: "Cochez la déclaration de bonne foi" }).waitFor();
    expect(await shadowActiveId(page)).toBe(`notice-faith-${id}`);
    await form.getByRole("checkbox", { name: /^Je déclare de bonne foi/ }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, "notice-form", () => comment);
    await send.click();

    const receipt = comment.getByRole("status").filter({ hasText: /Votre signalement N-[A-Z0-9]{4}-[A-Z0-9]{4} a bien été reçu\./ });
    await receipt.waitFor();
    expect(await receipt.textContent()).toContain("La décision vous sera envoyée par courriel.");
    const reference = /N-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec((await receipt.textContent())!)![0];
    await form.waitFor({ state: "detached" });
    expect(await shadowActiveId(page)).toBe(`report-${id}`);
    await shoot(page, "notice-receipt", () => comment);

    // In the Legal notices queue, with its reference.
    const queue = await admin("GET", "/demo-journal/queues/notices");
    expect(queue.status).toBe(200);
    expect(queue.data.items.some((i: { notice?: { reference: string } }) => i.notice?.reference === reference)).toBe(true);
    // The journal has no bot check: Turnstile's script was never asked for.
    expect(scripts).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/**
 * A stand-in for Turnstile's api.js: render() hands out a token the siteverify stub accepts once
 * (`stub~ok~host~nonce`) when window.__turnstileMode is "pass", none when "silent"; reset() a new one.
 */
const STUB_SCRIPT = `(() => {
  let n = 0;
  const widgets = new Map();
  const issue = (w) => (window.__turnstileMode ?? "pass") === "pass" &&
    setTimeout(() => w.callback("stub~ok~" + location.hostname + "~" + crypto.randomUUID()), 30);
  window.turnstile = {
    render(el, options) { const id = "w" + ++n; widgets.set(id, options); window.__turnstileRenders = n; issue(options); return id; },
    reset(id) { const w = widgets.get(id); if (w) issue(w); },
    remove(id) { widgets.delete(id); },
  };
})();`;

describe("the bot check (Turnstile) on the band demo", () => {
  let before: any;

  beforeAll(async () => {
    before = (await admin("GET", "/demo-band/settings")).data;
    const put = await admin("PUT", "/demo-band/settings", {
      name: before.site.name,
      allowedOrigins: before.site.allowedOrigins,
      settings: { ...before.settings, turnstile: true, turnstileSiteKey: "e2e-site-key", turnstileSecret: "e2e-turnstile-secret" },
    });
    expect(put.status).toBe(200);
  });

  afterAll(async () => {
    const now = (await admin("GET", "/demo-band/settings")).data;
    await admin("PUT", "/demo-band/settings", {
      name: now.site.name,
      allowedOrigins: now.site.allowedOrigins,
      settings: { ...now.settings, turnstile: false },
    });
  });

  const stubbed = (page: Page) =>
    page.route(`${TURNSTILE}*`, (route) => route.fulfill({ contentType: "text/javascript", body: STUB_SCRIPT }));

  it("loads Turnstile only on first need, and a guest's post with a token is published", async () => {
    const { page, pageErrors, scripts } = await open(BAND, { setup: stubbed });
    // The thread is shown without the script.
    expect(scripts).toEqual([]);
    const composer = await composerForm(page, "Write a comment");
    await composer.locator(".bot-check").waitFor({ state: "attached" });
    expect(await until(() => Promise.resolve(scripts.length), 1)).toBe(1);
    expect(scripts[0]).toBe(`${TURNSTILE}?render=explicit`);
    const text = unique("Lisbon was unforgettable, see you in Porto");
    await composer.getByLabel("Your name").fill("Guest with a token");
    await composer.getByRole("textbox", { name: "Your comment" }).fill(text);
    const sent = page.waitForRequest((r) => r.url().endsWith("/comments") && r.method() === "POST");
    await composer.getByRole("button", { name: "Publish" }).click();
    expect((await sent).headers()["x-palabre-turnstile"]).toMatch(/^stub~ok~127\.0\.0\.1~/);
    await page.getByRole("status").filter({ hasText: "Comment published." }).waitFor();
    await commentWith(page, text).waitFor();

    // siteverify (the stub) was asked and said yes.
    const port = inject("turnstileStubPort");
    const calls = (await (await fetch(`http://127.0.0.1:${port}/log/e2e`)).json()) as {
      fields: { response: string };
      answer: { success: boolean };
    }[];
    expect(calls.at(-1)?.answer.success).toBe(true);
    // Still one script for the page, however many forms.
    expect(scripts).toHaveLength(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("checks a like by a reader without an identity, then not again once the site knows them", async () => {
    const { page, pageErrors, scripts } = await open(BAND, { setup: stubbed });
    // The like buttons of the thread's top-level comments (a held or deleted one has none).
    const likes = page.locator("ul.thread > li.comment > .tools > button[aria-pressed]");
    const liked = page.waitForRequest((r) => r.url().endsWith("/reaction") && r.method() === "PUT");
    await likes.nth(0).click();
    const first = await liked;
    expect(first.headers()["x-palabre-turnstile"]).toMatch(/^stub~ok~127\.0\.0\.1~/);
    // The button answers at once; the reader's new token comes with the server's answer.
    expect((await first.response())?.status()).toBe(200);
    expect(await until(() => likes.nth(0).getAttribute("aria-pressed"), "true")).toBe("true");
    expect(scripts).toHaveLength(1);
    // The like gave the reader a token: the next like is not checked.
    const again = page.waitForRequest((r) => r.url().endsWith("/reaction") && r.method() === "PUT");
    await likes.nth(1).click();
    expect((await again).headers()["x-palabre-turnstile"]).toBeUndefined();
    expect(await until(() => likes.nth(1).getAttribute("aria-pressed"), "true")).toBe("true");
    expect(pageErrors).toEqual([]);
  });

  it("refuses a guest's post without a token in words, keeping the typed text", async () => {
    const { page, pageErrors } = await open(BAND, { setup: stubbed });
    await page.evaluate(() => ((window as any).__turnstileMode = "silent"));
    const composer = await composerForm(page, "Write a comment");
    const text = unique("A comment a robot would write");
    await composer.getByLabel("Your name").fill("Guest without a token");
    await composer.getByRole("textbox", { name: "Your comment" }).fill(text);
    const answered = page.waitForResponse((r) => r.url().endsWith("/comments") && r.request().method() === "POST", { timeout: 15_000 });
    await composer.getByRole("button", { name: "Publish" }).click();
    const res = await answered;
    expect(res.status()).toBe(403);
    expect(res.request().headers()["x-palabre-turnstile"]).toBeUndefined();
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bot_check_failed");
    await composer.getByRole("alert").filter({ hasText: "The bot check did not go through." }).waitFor();
    expect(await composer.getByRole("textbox", { name: "Your comment" }).inputValue()).toBe(text);
    expect(await page.locator("li.comment", { hasText: text }).count()).toBe(0);
    await shoot(page, "bot-check-refused", () => composer);
    expect(pageErrors).toEqual([]);
  });
});
