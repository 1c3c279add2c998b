// <palabre-comments> on the demo pages, in Chromium, against `wrangler dev`: the page is served from
// 127.0.0.1 and the widget talks to localhost, so every request is a real cross-origin (CORS) one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { API_ORIGIN, DEMO_ORIGIN, launchBrowser } from "./support";

const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
const BAND = `${DEMO_ORIGIN}/demo/band/`;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  dialogs: string[];
  pageErrors: string[];
}

/** A fresh profile (empty localStorage) on a demo page, once the thread has loaded. */
async function open(url: string, setup?: (page: Page) => Promise<unknown>): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await setup?.(page);
  await page.goto(url);
  if (!setup) await threadLoaded(page);
  return { page, dialogs, pageErrors };
}

const threadLoaded = (page: Page) =>
  page.getByRole("heading", { level: 2, name: /^(Commentaires|Comments) \(\d+\)$/ }).waitFor();

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The innermost comment (li) whose text contains `text`. */
const commentWith = (page: Page, text: string) => page.locator("li.comment", { hasText: text }).last();

const shadowActiveId = (page: Page) =>
  page.evaluate(() => document.querySelector("palabre-comments")!.shadowRoot!.activeElement?.id ?? null);

/** Polls until `read` returns `expected` (playwright-core has no auto-waiting expect). */
async function until<T>(read: () => Promise<T>, expected: T, timeout = 5000): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

async function post(form: Locator, name: string | null, text: string): Promise<void> {
  if (name !== null) await form.getByLabel("Votre nom").fill(name);
  await form.getByRole("textbox", { name: /^Votre (commentaire|réponse)$/ }).fill(text);
  await form.getByRole("button", { name: "Publier" }).click();
}

describe("<palabre-comments> on the French demo page", () => {
  it("posts a comment and a reply that stay nested after a reload, and remembers the name", async () => {
    const { page, pageErrors } = await open(JOURNAL);
    const heading = page.getByRole("heading", { level: 2 });
    const before = Number(/\((\d+)\)/.exec((await heading.textContent()) ?? "")![1]);

    // The landmark is labelled by its h2.
    const region = page.getByRole("region", { name: /^Commentaires \(\d+\)$/ });
    expect(await region.count()).toBe(1);

    // palabre:posted bubbles out of the shadow root up to the document.
    await page.evaluate(() =>
      document.addEventListener("palabre:posted", (e) => {
        (window as unknown as { posted: unknown[] }).posted = [
          ...((window as unknown as { posted?: unknown[] }).posted ?? []),
          (e as CustomEvent).detail,
        ];
      }),
    );
    const text = unique("Premier passage en train de nuit, très réussi 🚆");
    const composer = page.getByRole("form", { name: "Écrire un commentaire" });
    await post(composer, "Camille E2E", text);

    const comment = commentWith(page, text);
    await comment.waitFor();
    await page.getByRole("status").filter({ hasText: "Commentaire publié." }).waitFor();
    // Newest first: the new comment leads the thread; the composer is cleared; the count went up.
    expect(await page.locator("ul.thread > li").first().textContent()).toContain(text);
    expect(await composer.getByLabel("Votre commentaire").inputValue()).toBe("");
    expect(await heading.textContent()).toBe(`Commentaires (${before + 1})`);
    const id = (await comment.getAttribute("id"))!;
    expect(id).toMatch(/^comment-\d+$/);
    const posted = await page.evaluate(() => (window as unknown as { posted: { id: number; body: string }[] }).posted);
    expect(posted.map((c) => [`comment-${c.id}`, c.body])).toEqual([[id, text]]);
    // Its heading carries author, time and a permalink.
    const h3 = comment.getByRole("heading", { level: 3 }).first();
    expect(await h3.textContent()).toContain("Camille E2E");
    expect(await h3.getByRole("link").getAttribute("href")).toBe(`#${id}`);
    expect(await h3.locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Reply by keyboard: focus goes to the reply box; Escape closes it and focus returns to the button.
    const replyButton = comment.getByRole("button", { name: "Répondre à Camille E2E" });
    await replyButton.focus();
    await page.keyboard.press("Enter");
    const replyForm = page.getByRole("form", { name: "Répondre à Camille E2E" });
    await replyForm.waitFor();
    expect(await until(() => shadowActiveId(page), `body-${id.slice(8)}`)).toBe(`body-${id.slice(8)}`);
    await page.keyboard.press("Escape");
    await replyForm.waitFor({ state: "detached" });
    expect(await until(() => shadowActiveId(page), `reply-${id.slice(8)}`)).toBe(`reply-${id.slice(8)}`);

    await page.keyboard.press("Enter");
    await replyForm.waitFor();
    // The name typed for the first comment is already filled in.
    expect(await replyForm.getByLabel("Votre nom").inputValue()).toBe("Camille E2E");
    const replyText = unique("Et le retour, **aussi** confortable ?");
    const replyShown = replyText.replaceAll("**", "");
    await post(replyForm, null, replyText);
    await page.locator(`#${id} ul.replies > li`, { hasText: replyShown }).waitFor();
    await replyForm.waitFor({ state: "detached" });
    expect(await heading.textContent()).toBe(`Commentaires (${before + 2})`);

    await page.reload();
    await threadLoaded(page);
    const reloaded = page.locator(`#${id}`);
    expect(await reloaded.locator(".body").first().textContent()).toContain(text);
    const nested = page.locator(`#${id} > ul.replies > li`);
    expect(await nested.count()).toBe(1);
    expect(await nested.textContent()).toContain(replyShown);
    expect(await nested.locator("strong").textContent()).toBe("aussi");
    // The name is remembered for this site.
    expect(await composer.getByLabel("Votre nom").inputValue()).toBe("Camille E2E");

    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/journal.png", fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it("shows hostile text as text: no element, no script, no javascript: link", async () => {
    const { page, dialogs, pageErrors } = await open(JOURNAL);
    const hostile = `<img src=x onerror=alert(1)> ${unique("<script>alert(2)</script>")}`;
    const body = `${hostile}\n**gras** https://example.com/a_(b). [x](javascript:alert(3))`;
    await post(page.getByRole("form", { name: "Écrire un commentaire" }), "Mallory", body);

    const comment = commentWith(page, hostile);
    await comment.waitFor();
    const shown = comment.locator(".body");
    expect(await shown.textContent()).toContain(hostile);
    expect(await page.locator("palabre-comments img, palabre-comments script").count()).toBe(0);
    const counts = await page.evaluate(() => {
      const root = document.querySelector("palabre-comments")!.shadowRoot!;
      return { img: root.querySelectorAll("img").length, script: root.querySelectorAll("script").length };
    });
    expect(counts).toEqual({ img: 0, script: 0 });
    expect(await shown.locator("strong").textContent()).toBe("gras");
    const links = shown.getByRole("link");
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute("href")).toBe("https://example.com/a_(b)");
    expect(await links.getAttribute("rel")).toBe("nofollow ugc noopener");
    expect(await links.getAttribute("target")).toBe("_blank");

    await page.reload();
    await threadLoaded(page);
    await commentWith(page, hostile).waitFor();
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("counts characters, and keeps the text when the server refuses or cannot be reached", async () => {
    const { page } = await open(JOURNAL);
    const form = page.getByRole("form", { name: "Écrire un commentaire" });
    const textarea = form.getByLabel("Votre commentaire");
    const counter = form.locator(".counter");

    // Code points of the normalised text: "Été 🎉" is 5 characters whatever its UTF-16 length.
    await textarea.fill("  Été 🎉  ");
    expect((await counter.textContent())!.trim()).toMatch(/^5 \/ 5\s000 caractères$/);
    const describedBy = (await textarea.getAttribute("aria-describedby"))!;
    expect(describedBy.split(" ")).toContain(await counter.getAttribute("id"));

    // An empty name: the server refuses, the message is translated, the text stays.
    const text = unique("Un avis qui ne doit pas se perdre");
    await form.getByLabel("Votre nom").fill("");
    await textarea.fill(text);
    await form.getByRole("button", { name: "Publier" }).click();
    const alert = form.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe("Indiquez votre nom avant de publier.");
    expect(await textarea.inputValue()).toBe(text);
    expect(await form.getByLabel("Votre nom").getAttribute("aria-invalid")).toBe("true");

    // Too long: the counter says so, and the server's refusal keeps every character.
    const long = "é".repeat(5001);
    await form.getByLabel("Votre nom").fill("Camille");
    await textarea.fill(long);
    expect(await counter.textContent()).toContain("1 caractère de trop");
    await form.getByRole("button", { name: "Publier" }).click();
    await alert.filter({ hasText: "trop long" }).waitFor();
    expect(await alert.textContent()).toBe("Votre commentaire est trop long\u00a0: 5\u202f000 caractères au maximum.");
    expect(await textarea.inputValue()).toBe(long);

    // While sending, the button is disabled; a network failure gets its own message.
    await page.route(`${API_ORIGIN}/api/**/comments`, async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.abort("internetdisconnected");
    });
    await textarea.fill(text);
    await form.getByRole("button", { name: "Publier" }).click();
    await form.getByRole("button", { name: "Publication…" }).waitFor();
    expect(await form.getByRole("button", { name: "Publication…" }).isDisabled()).toBe(true);
    await alert.filter({ hasText: "Impossible de joindre" }).waitFor();
    expect(await textarea.inputValue()).toBe(text);
    expect(await form.getByRole("button", { name: "Publier" }).isEnabled()).toBe(true);
    expect(await commentWith(page, text).count()).toBe(0);
  });

  it("shows an error with Retry when the thread cannot load, then loads on retry", async () => {
    let fail = true;
    const { page } = await open(JOURNAL, (p) =>
      p.route(`${API_ORIGIN}/api/**/thread?**`, (route) => (fail ? route.abort("connectionrefused") : route.continue())),
    );
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Impossible de joindre le serveur des commentaires.");
    fail = false;
    await page.getByRole("button", { name: "Réessayer" }).click();
    await threadLoaded(page);
    expect(await page.locator("li.comment").count()).toBeGreaterThan(0);
  });

  it("sorts oldest first and shows the remaining replies on request", async () => {
    const { page } = await open(JOURNAL);
    // A thread with 5 replies, posted through the API from the page's origin.
    const root = unique("Fil avec beaucoup de réponses");
    await page.evaluate(
      async ({ api, root }) => {
        const story = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')!.href;
        const send = async (body: string, parentId?: number) => {
          const res = await fetch(`${api}/api/v1/demo-journal/comments`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ story, body, parentId, author: { name: "Lucie" } }),
          });
          return ((await res.json()) as { comment: { id: number } }).comment.id;
        };
        const rootId = await send(root);
        for (let i = 1; i <= 5; i++) await send(`Réponse numéro ${i}`, rootId);
      },
      { api: API_ORIGIN, root },
    );
    await page.reload();
    await threadLoaded(page);

    const thread = page.locator("li.comment", { hasText: root }).first();
    expect(await thread.locator("ul.replies > li").count()).toBe(3);
    const more = thread.getByRole("button", { name: "Afficher 2 réponses de plus" });
    await more.click();
    await thread.locator("ul.replies > li", { hasText: "Réponse numéro 5" }).waitFor();
    expect(await thread.locator("ul.replies > li").count()).toBe(5);
    expect(await more.count()).toBe(0);

    const firstBefore = await page.locator("ul.thread > li h3").first().textContent();
    await page.getByLabel(/^Trier par/).selectOption({ label: "les plus anciens" });
    await page.waitForFunction(
      (before) => {
        const h3 = document.querySelector("palabre-comments")!.shadowRoot!.querySelector("ul.thread > li h3");
        return h3 && h3.textContent !== before;
      },
      firstBefore,
    );
    // The seed's first comment (Claire M.) leads when the oldest come first.
    expect(await page.locator("ul.thread > li h3").first().textContent()).toContain("Claire M.");
  });

  it("shows who a reply answers once replies are too deep to indent further", async () => {
    const { page } = await open(JOURNAL);
    const root = unique("Un fil très profond");
    await page.evaluate(
      async ({ api, root }) => {
        const story = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')!.href;
        let parentId: number | undefined;
        const names = ["Ana", "Bruno", "Chloé", "Driss", "Eva"];
        for (const [i, name] of names.entries()) {
          const res = await fetch(`${api}/api/v1/demo-journal/comments`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ story, body: i ? `Niveau ${i}` : root, parentId, author: { name } }),
          });
          parentId = ((await res.json()) as { comment: { id: number } }).comment.id;
        }
      },
      { api: API_ORIGIN, root },
    );
    await page.reload();
    await threadLoaded(page);
    const thread = page.locator("ul.thread > li", { hasText: root });
    await thread.getByRole("button", { name: "Afficher 1 réponse de plus" }).click();
    await commentWith(page, "Niveau 4").waitFor();
    // Three levels of indentation at most: Eva's answer to Driss sits beside it and says whom it answers.
    expect(await thread.locator("ul ul ul > li").count()).toBe(2);
    expect(await thread.locator("ul ul ul ul").count()).toBe(0);
    const eva = commentWith(page, "Niveau 4");
    expect(await eva.locator(".reply-to").textContent()).toBe("en réponse à Driss");
  });
});

describe("<palabre-comments> on the English demo page", () => {
  it("speaks English and loads more comments page by page", async () => {
    const { page } = await open(BAND);
    expect(await page.getByRole("form", { name: "Write a comment" }).getByLabel("Your name").count()).toBe(1);
    await page.evaluate(async (api) => {
      for (let i = 1; i <= 21; i++) {
        await fetch(`${api}/api/v1/demo-band/comments`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ story: "news/2026-european-tour", body: `See you in city ${i}!`, author: { name: "Fan" } }),
        });
      }
    }, API_ORIGIN);
    await page.reload();
    await threadLoaded(page);
    const tops = page.locator("ul.thread > li");
    expect(await tops.count()).toBe(20);
    await page.getByRole("button", { name: "Load more comments" }).click();
    await page.getByRole("status").filter({ hasText: /more comments? shown/ }).waitFor();
    expect(await tops.count()).toBeGreaterThan(20);
    expect(await page.getByRole("button", { name: "Load more comments" }).count()).toBe(0);
  });
});
