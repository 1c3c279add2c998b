// The staff dashboard at /admin, in Chromium, against `wrangler dev`, in step with the widget on the
// demo page: a held comment is approved by keyboard and shows on the page, featured and shown in
// the editors' selection; another is rejected and leaves its author's view; a story's comments are
// closed from a queue item, and readers see it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { announced, focusByKeyboard, focusedText, itemWith } from "./dashboard-support";
import { API_ORIGIN, DEMO_ORIGIN, composerForm, launchBrowser, liftFloodLimits, signIn, until } from "./support";

const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
/** The journal demo's story key: its canonical URL. */
const JOURNAL_STORY = "https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour";
/** The dashboard runs on the API's origin: its session cookie is same-origin, HttpOnly, SameSite=Strict. */
const ADMIN = `${API_ORIGIN}/admin/`;
const EMAIL = "admin@palabre.example";
const PASSWORD = "palabre-demo-2026";

let browser: Browser;
let restoreSettings: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  restoreSettings = await liftFloodLimits(await signIn(), ["demo-journal"]);
});

afterAll(async () => {
  await restoreSettings();
  await browser?.close();
});

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

interface Opened {
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
}

async function open(url: string, locale = "fr-FR"): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1100 }, locale });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(url);
  return { context, page, pageErrors };
}

const threadLoaded = (page: Page) => page.getByRole("heading", { level: 2, name: /^Commentaires \(\d+\)$/ }).waitFor();

/** The innermost comment of the widget's thread whose text contains `text`. */
const commentWith = (page: Page, text: string) => page.locator("ul.thread li.comment", { hasText: text }).last();

async function postOnPage(page: Page, name: string, text: string): Promise<void> {
  const form = await composerForm(page, "Écrire un commentaire");
  await form.getByLabel("Votre nom").fill(name);
  await form.getByRole("textbox", { name: "Votre commentaire" }).fill(text);
  await form.getByRole("button", { name: "Publier" }).click();
}

describe("the staff dashboard", () => {
  it("moderates by keyboard: approve, feature and reject, in step with the widget", async () => {
    // 1. A reader posts a comment with a suspect word: held, shown to its author only.
    const reader = await open(JOURNAL);
    await threadLoaded(reader.page);
    const heldText = unique("Ce tarif de nuit, c'est une arnaque");
    await postOnPage(reader.page, "Odile E2E", heldText);
    const held = commentWith(reader.page, heldText);
    await held.waitFor();
    expect(await held.locator(".badge").textContent()).toBe("En attente de modération");

    // 2. Sign in; a wrong password first.
    const staff = await open(ADMIN, "en-US");
    const { page } = staff;
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Wrong email or password." }).waitFor();
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The dashboard opens on the member's sites.
    await page.getByRole("heading", { level: 1, name: "My sites" }).waitFor();
    // The session cookie is not readable by scripts.
    expect(await page.evaluate(() => document.cookie)).not.toContain("palabre_session");

    // The site switcher: the header always names the site acted on, in its colour.
    const badge = page.locator("header .site-badge");
    await page.getByLabel("Site", { exact: true }).selectOption("demo-band");
    await until(() => badge.locator(".site-name").textContent(), "The Velvet Owls");
    expect(await badge.locator(".site-name").textContent()).toBe("The Velvet Owls");
    await page.getByLabel("Site", { exact: true }).selectOption("demo-journal");
    expect(await until(() => badge.locator(".site-name").textContent(), "Le Quotidien")).toBe("Le Quotidien");
    expect(await badge.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(164, 22, 26)"); // #a4161a
    expect(await page.evaluate(() => localStorage.getItem("palabre.admin.site"))).toBe("demo-journal");
    await page.getByRole("heading", { level: 1, name: "Moderation — Le Quotidien" }).waitFor();

    // 3. Pending: the held comment with its reason, story link and author's history.
    const pendingTab = page.getByRole("tab", { name: /^Pending/ });
    expect(await pendingTab.getAttribute("aria-selected")).toBe("true");
    const item = itemWith(page, heldText);
    await item.waitFor();
    // The tab's count comes with the queue: read once the item is there.
    expect(Number(await pendingTab.locator(".count").textContent())).toBeGreaterThanOrEqual(1);
    expect(await item.locator(".reason").allTextContents()).toContain("Suspect words: arnaque");
    const id = Number(await item.getAttribute("data-comment-id"));
    expect(await item.getByRole("link", { name: "Trains de nuit : le grand retour ? — Le Quotidien" }).getAttribute("href")).toBe(
      `http://localhost:8787/demo/journal/#comment-${id}`,
    );
    expect(await item.locator(".history").textContent()).toContain("1 comment");
    expect(await item.locator("time").getAttribute("title")).toMatch(/\d{4}/);

    // The shortcuts are listed on "?", and the dialog gives focus back when closed.
    await page.locator("h1").click();
    await page.keyboard.press("?");
    const shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await shortcuts.waitFor();
    expect(await shortcuts.locator("kbd").allTextContents()).toEqual(["j", "k", "a", "r", "f", "b", "s", "x", "n", "c", "p", "?", "Esc"]);
    await page.keyboard.press("Escape");
    await shortcuts.waitFor({ state: "hidden" });

    await focusByKeyboard(page, heldText);
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/dashboard-queue.png", fullPage: true });

    // 4. Approve with "a": it leaves the queue, the result is announced, the count goes down.
    const pendingBefore = Number(await pendingTab.locator(".count").textContent());
    await page.keyboard.press("a");
    await announced(page, "Comment approved");
    await item.waitFor({ state: "detached" });
    expect(Number(await until(async () => Number(await pendingTab.locator(".count").textContent()), pendingBefore - 1))).toBe(
      pendingBefore - 1,
    );

    // …and any reader now sees it published on the demo page.
    const other = await open(JOURNAL);
    await threadLoaded(other.page);
    const published = commentWith(other.page, heldText);
    await published.waitFor();
    expect(await published.getByText("En attente de modération").count()).toBe(0);
    await other.context.close();

    // 5. Feature it from Recent with "f" and a note: the widget shows it in the selection.
    await page.getByRole("tab", { name: /^Recent/ }).click();
    const recentItem = itemWith(page, heldText);
    await recentItem.waitFor();
    await focusByKeyboard(page, heldText);
    await page.keyboard.press("f");
    const featureDialog = page.getByRole("dialog", { name: "Feature this comment" });
    await featureDialog.waitFor();
    const note = "Un point de vue franc sur les tarifs.";
    // Typing in the note is typing: "a" here must not approve anything.
    await page.keyboard.type(note);
    expect(await featureDialog.getByLabel("Editor's note (optional)").inputValue()).toBe(note);
    await featureDialog.getByRole("button", { name: "Feature", exact: true }).click();
    await announced(page, "Comment featured");
    await featureDialog.waitFor({ state: "detached" });
    await recentItem.locator(".badge.featured").waitFor();
    expect(await focusedText(page)).toContain(heldText);

    await reader.page.reload();
    await threadLoaded(reader.page);
    const picks = reader.page.getByRole("region", { name: "La sélection de la rédaction" });
    const pick = picks.locator("li", { hasText: heldText });
    await pick.waitFor();
    expect(await pick.textContent()).toContain(note);

    // 6. Another held comment, rejected with "r" and a reason: its author no longer sees it.
    const rejectText = unique("Encore un escroc qui vend des billets");
    await postOnPage(reader.page, "Odile E2E", rejectText);
    await commentWith(reader.page, rejectText).waitFor();

    await pendingTab.click();
    const toReject = itemWith(page, rejectText);
    await toReject.waitFor();
    const rejectedId = Number(await toReject.getAttribute("data-comment-id"));
    expect(await toReject.locator(".reason").allTextContents()).toContain("Suspect words: escroc");
    // The author's history counts the approved comment.
    expect(await toReject.locator(".history").textContent()).toContain("1 approved");
    await focusByKeyboard(page, rejectText);
    await page.keyboard.press("r");
    const rejectDialog = page.getByRole("dialog", { name: "Reject this comment" });
    await rejectDialog.waitFor();
    await rejectDialog.getByRole("radio", { name: "The site's charter" }).check();
    await rejectDialog.getByRole("button", { name: "Reject" }).click();
    await announced(page, "Comment rejected");
    await toReject.waitFor({ state: "detached" });

    await page.getByRole("tab", { name: /^Rejected/ }).click();
    const rejected = itemWith(page, rejectText);
    await rejected.waitFor();
    expect(await rejected.locator(".reason").allTextContents()).toContain("Moderator's decision: Breaks the charter");

    await reader.page.reload();
    await threadLoaded(reader.page);
    await commentWith(reader.page, heldText).waitFor();
    // Readers no longer see the rejected comment; its author sees why, with the statement of reasons.
    const mine = commentWith(reader.page, rejectText);
    await mine.locator(".statement").waitFor();
    expect(await mine.locator(".statement").textContent()).toContain("Retiré le");
    const stranger = await open(JOURNAL);
    await threadLoaded(stranger.page);
    expect(await commentWith(stranger.page, rejectText).count()).toBe(0);
    await stranger.context.close();

    // 7. The audit log says who did what, and why.
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit log — Le Quotidien" }).waitFor();
    const rows = page.locator("table.audit tbody tr");
    await rows.first().waitFor();
    const log = (await rows.allTextContents()).join("\n");
    const who = (await page.locator("header .who").textContent())!.replace(/^Signed in as /, "");
    const row = (...parts: string[]) => new RegExp(parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*"));
    // Readable: the comment's words, its author and its story, not just numbers.
    expect(log).toMatch(row(who, "Rejected", rejectText, "by Odile E2E", "Trains de nuit", `#${rejectedId}`, "reason: Breaks the charter"));
    expect(log).toMatch(row(who, "Featured", heldText, "by Odile E2E", `#${id}`, `note: ${note}`));
    expect(log).toMatch(row(who, "Approved", heldText, "by Odile E2E", `#${id}`, "was: Pending"));

    // 8. Sign out: back to the sign-in form, and the session is gone.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("status").filter({ hasText: "You are signed out." }).waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();

    expect(staff.pageErrors).toEqual([]);
    expect(reader.pageErrors).toEqual([]);
    await staff.context.close();
    await reader.context.close();
  });

  it("closes a story's comments from a queue item with s, in step with the widget, then reopens them", async () => {
    const api = await signIn();
    const { page, context, pageErrors } = await open(`${ADMIN}#/demo-journal/queues/recent`, "en-US");
    try {
      await page.getByLabel("Email").fill(EMAIL);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      const items = page.locator("article.item");
      // Other files post on other stories of the journal: act on the demo article's items only.
      const onStory = items.filter({ has: page.getByRole("link", { name: "Trains de nuit : le grand retour ? — Le Quotidien" }) });
      const focusedOnStory = () => onStory.evaluateAll((els) => els.some((el) => el.contains(document.activeElement)));
      /** Focuses the first item of Recent on the demo article with j, and opens its story's settings with "s". */
      const openSettings = async () => {
        await onStory.first().waitFor();
        await page.locator("h1").click();
        const total = await items.count();
        for (let i = 0; i < total && !(await focusedOnStory()); i++) await page.keyboard.press("j");
        expect(await focusedOnStory()).toBe(true);
        await page.keyboard.press("s");
        const dialog = page.getByRole("dialog", { name: "Story settings" });
        await dialog.waitFor();
        return dialog;
      };

      // 1. Close the comments: focus starts on the story's current state.
      const dialog = await openSettings();
      const openRadio = dialog.getByRole("radio", { name: /^Open/ });
      expect(await openRadio.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await dialog.getByRole("radio", { name: "As the site says" }).isChecked()).toBe(true);
      await dialog.getByRole("radio", { name: /^Closed/ }).check();
      mkdirSync("test-results", { recursive: true });
      await page.screenshot({ path: "test-results/dashboard-story-settings.png" });
      await dialog.getByRole("button", { name: "Save" }).click();
      await announced(page, "Story updated");
      await dialog.waitFor({ state: "detached" });
      // Every item on the story says so, and the keyboard focus is back on the item.
      const count = await onStory.count();
      expect(await page.locator("article.item .badge.story-closed").count()).toBe(count);
      expect(await onStory.first().locator(".badge.story-closed").textContent()).toBe("Comments closed");
      expect(await focusedText(page)).toContain("Comments closed");

      // 2. A fresh reader sees the comments closed: no composer, the widget's note; posting is refused.
      const reader = await open(JOURNAL);
      await threadLoaded(reader.page);
      await reader.page.getByText("Les commentaires sont fermés pour cet article.").waitFor();
      expect(await reader.page.getByRole("form", { name: "Écrire un commentaire" }).count()).toBe(0);
      expect(reader.pageErrors).toEqual([]);
      await reader.context.close();
      const post = await fetch(`${API_ORIGIN}/api/v1/demo-journal/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: API_ORIGIN },
        body: JSON.stringify({ story: JOURNAL_STORY, body: unique("Trop tard ?"), author: { name: "Retard E2E" } }),
      });
      expect([post.status, ((await post.json()) as any).error.code]).toEqual([403, "story_closed"]);

      // 3. The audit log records it.
      await page.getByRole("link", { name: "Audit log" }).click();
      await page.getByRole("heading", { level: 1, name: "Audit log — Le Quotidien" }).waitFor();
      const rows = page.locator("table.audit tbody tr");
      await rows.first().waitFor();
      const who = (await page.locator("header .who").textContent())!.replace(/^Signed in as /, "");
      const latest = (await rows.first().textContent()) ?? "";
      for (const part of [who, "Changed a story's settings", `Story ${JOURNAL_STORY}`, "comments: closed"]) {
        expect(latest).toContain(part);
      }

      // 4. Reopen them the same way.
      await page.getByRole("link", { name: "Moderation" }).click();
      await page.getByRole("tab", { name: /^Recent/ }).click();
      const reopen = await openSettings();
      // An address off the site's origins is refused in words that say why; the dialog keeps it.
      const address = reopen.getByLabel("Address (URL)");
      const before = await address.inputValue();
      await address.fill("https://evil.example/trains");
      await reopen.getByRole("button", { name: "Save" }).click();
      await reopen.getByText(/^This address is not a page of the site/).waitFor();
      expect(await address.inputValue()).toBe("https://evil.example/trains");
      await address.fill(before);
      await reopen.getByRole("radio", { name: /^Open/ }).check();
      await reopen.getByRole("button", { name: "Save" }).click();
      await announced(page, "Story updated");
      await reopen.waitFor({ state: "detached" });
      expect(await page.locator("article.item .badge.story-closed").count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      // The other tests post on this story: it is open again whatever happened above.
      expect((await api("PATCH", "/demo-journal/story", { story: JOURNAL_STORY, status: "open" })).status).toBe(200);
      await context.close();
    }
  });

  it("says how long to wait after repeated failed sign-ins", async () => {
    const { page, context } = await open(ADMIN, "fr-FR");
    const alert = page.getByRole("alert");
    for (let i = 0; i < 8; i++) {
      await page.getByLabel("Adresse e-mail").fill("personne@palabre.example");
      await page.getByLabel("Mot de passe").fill(`essai-${i}`);
      const answered = page.waitForResponse((r) => r.url().endsWith("/api/admin/session") && r.request().method() === "POST");
      await page.getByRole("button", { name: "Se connecter" }).click();
      await answered;
      await page.getByRole("button", { name: "Se connecter" }).waitFor();
      await alert.waitFor();
      if (/Trop de tentatives/.test((await alert.textContent()) ?? "")) break;
    }
    expect(await alert.textContent()).toMatch(/^Trop de tentatives\. Réessayez dans \d+ (secondes?|minutes?)\.$/);
    await context.close();
  });

  it("approves several held comments at once, selected with x", async () => {
    const reader = await open(JOURNAL);
    await threadLoaded(reader.page);
    const texts = [unique("Première arnaque signalée"), unique("Deuxième arnaque signalée")];
    for (const text of texts) {
      await postOnPage(reader.page, "Basile E2E", text);
      await commentWith(reader.page, text).waitFor();
    }

    const { page, context, pageErrors } = await open(`${ADMIN}#/demo-journal/queues/pending`, "fr-FR");
    await page.getByLabel("Adresse e-mail").fill(EMAIL);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    for (const text of texts) {
      await focusByKeyboard(page, text);
      await page.keyboard.press("x");
      expect(await itemWith(page, text).getByRole("checkbox").isChecked()).toBe(true);
    }
    await page.getByRole("group", { name: "Sélection multiple" }).getByText("2 commentaires sélectionnés").waitFor();
    await page.keyboard.press("a");
    await announced(page, "2 commentaires approuvés");
    for (const text of texts) await itemWith(page, text).waitFor({ state: "detached" });

    await reader.page.reload();
    await threadLoaded(reader.page);
    for (const text of texts) {
      const c = commentWith(reader.page, text);
      await c.waitFor();
      expect(await c.getByText("En attente de modération").count()).toBe(0);
    }
    expect(pageErrors).toEqual([]);
    await context.close();
    await reader.context.close();
  });

  it("a late answer for the site just left never shows under the next site's tabs", async () => {
    // A held comment on the journal, so that its Pending count differs from the band's.
    const heldText = unique("Encore une arnaque tarifaire");
    const posted = await fetch(`${API_ORIGIN}/api/v1/demo-journal/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: DEMO_ORIGIN },
      body: JSON.stringify({ story: JOURNAL_STORY, body: heldText, author: { name: "Paule E2E" } }),
    });
    expect(posted.status).toBe(201);

    const staff = await open(ADMIN, "en-US");
    const { page } = staff;
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "My sites" }).waitFor();

    // The band's Pending queue answers only when told to: after the journal's is on screen.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const bandQueue = `${API_ORIGIN}/api/admin/sites/demo-band/queues/pending`;
    await page.route(`${bandQueue}*`, async (route) => {
      await released;
      await route.continue();
    });
    const bandAnswered = page.waitForResponse((res) => res.url().startsWith(bandQueue));
    await page.getByLabel("Site", { exact: true }).selectOption("demo-band");
    await page.getByRole("heading", { level: 1, name: "Moderation — The Velvet Owls" }).waitFor();
    await page.getByLabel("Site", { exact: true }).selectOption("demo-journal");
    await page.getByRole("heading", { level: 1, name: "Moderation — Le Quotidien" }).waitFor();
    await itemWith(page, heldText).waitFor();
    const pendingCount = page.getByRole("tab", { name: /^Pending/ }).locator(".count");
    const journalCount = Number(await pendingCount.textContent());
    expect(journalCount).toBeGreaterThanOrEqual(1);

    release();
    await bandAnswered;
    // Two frames: the late answer, had it been taken, would have rendered by then.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(Number(await pendingCount.textContent())).toBe(journalCount);
    await staff.context.close();
  });
});
