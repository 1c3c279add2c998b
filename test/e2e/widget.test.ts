// <palabre-comments> on the demo pages, in Chromium, against `wrangler dev`: the page is served from
// 127.0.0.1 and the widget talks to localhost, so every request is a real cross-origin (CORS) one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { createHmac } from "node:crypto";
import type { Browser, Locator, Page } from "playwright-core";
import { API_ORIGIN, DEMO_ORIGIN, launchBrowser, liftFloodLimits, signIn, until, type StaffApi, composerForm, postAs } from "./support";

const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
const HOME = `${DEMO_ORIGIN}/demo/journal/accueil/`;
const BAND = `${DEMO_ORIGIN}/demo/band/`;
const JOURNAL_STORY = "https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour";
/** Where the seed says the demo serves that story (its canonical URL is the newspaper's). */
const JOURNAL_STORY_URL = `${API_ORIGIN}/demo/journal/`;
const BAND_STORY = "news/2026-european-tour";

let browser: Browser;
let admin: StaffApi;
let restoreSettings: (() => Promise<void>) | undefined;

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

const threadLoaded = (page: Page) => page.getByRole("heading", { level: 2, name: /^(Commentaires|Comments) \(\d+\)$/ }).waitFor();

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The innermost comment (li) whose text contains `text`. */
const commentWith = (page: Page, text: string) => page.locator("li.comment", { hasText: text }).last();

const shadowActiveId = (page: Page) =>
  page.evaluate(() => document.querySelector("palabre-comments")!.shadowRoot!.activeElement?.id ?? null);

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
    const composer = await composerForm(page, "Écrire un commentaire");
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
    expect(await (await composerForm(page, "Écrire un commentaire")).getByLabel("Votre nom").inputValue()).toBe("Camille E2E");

    expect(pageErrors).toEqual([]);
  });

  it("shows hostile text as text: no element, no script, no javascript: link", async () => {
    const { page, dialogs, pageErrors } = await open(JOURNAL);
    const hostile = `<img src=x onerror=alert(1)> ${unique("<script>alert(2)</script>")}`;
    const body = `${hostile}\n**gras** https://example.com/a_(b). [x](javascript:alert(3))`;
    await post(await composerForm(page, "Écrire un commentaire"), "Mallory", body);

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
    const form = await composerForm(page, "Écrire un commentaire");
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
    const more = thread.getByRole("button", { name: "Voir les 2 autres réponses" });
    await more.click();
    await thread.locator("ul.replies > li", { hasText: "Réponse numéro 5" }).waitFor();
    expect(await thread.locator("ul.replies > li").count()).toBe(5);
    expect(await more.count()).toBe(0);

    const firstBefore = await page.locator("ul.thread > li h3").first().textContent();
    await page.getByLabel(/^Trier par/).selectOption({ label: "les plus anciens" });
    await page.waitForFunction((before) => {
      const h3 = document.querySelector("palabre-comments")!.shadowRoot!.querySelector("ul.thread > li h3");
      return h3 && h3.textContent !== before;
    }, firstBefore);
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
    await thread.getByRole("button", { name: "Voir 1 autre réponse" }).click();
    await commentWith(page, "Niveau 4").waitFor();
    // Three levels of indentation at most: Eva's answer to Driss sits beside it and says whom it answers.
    expect(await thread.locator("ul ul ul > li").count()).toBe(2);
    expect(await thread.locator("ul ul ul ul").count()).toBe(0);
    const eva = commentWith(page, "Niveau 4");
    expect(await eva.locator(".reply-to").textContent()).toBe("en réponse à Driss");
  });
});

/** The band's seeded question, "Any chance of an acoustic set…" (demo/seed-2.sql). */
const BAND_QUESTION = 1000006;

describe("<palabre-comments> on the English demo page", () => {
  it("shows the band's staff badge and the editors' picks in English", async () => {
    // A fresh fan comment leads the thread with the staff reply as its only reply, whatever other
    // test files posted on this story before.
    const question = await postAs("demo-band", BAND_STORY, "Fan E2E", unique("Will you play the acoustic set in Lisbon?"));
    const reply = await admin("POST", "/demo-band/replies", {
      parentId: question,
      body: "We will bring the **acoustic set** to Lisbon. Promise! 🦉",
    });
    expect(reply.status).toBe(201);
    const staffId = reply.data.comment.id as number;
    // The band's seeded question (demo/seed-2.sql: the band's rows are numbered from 1,000,001 in DB_2).
    expect((await admin("POST", `/demo-band/comments/${BAND_QUESTION}/feature`, { note: "The question everyone asked." })).status).toBe(
      200,
    );

    const { page, pageErrors } = await open(BAND);
    const picks = page.getByRole("region", { name: "Editors’ picks" });
    await picks.waitFor();
    expect(await picks.textContent()).toContain("Any chance of an acoustic set");
    expect(await picks.locator(".editor-note").textContent()).toBe("Editor’s note: The question everyone asked.");
    const staff = page.locator(`#comment-${staffId}`);
    expect(await staff.locator(".badge.staff").textContent()).toBe("The Velvet Owls · Staff");
    expect(await page.locator(`#comment-${BAND_QUESTION} .pick-mark`).textContent()).toBe("Editors’ pick");
    // Staff replies can be reported like any other; only the reader's own comments cannot.
    expect(await staff.getByRole("button", { name: /^Report / }).count()).toBe(1);

    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/band.png", fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it("speaks English and loads more comments page by page", async () => {
    const { page } = await open(BAND);
    expect(await (await composerForm(page, "Write a comment")).getByLabel("Your name").count()).toBe(1);
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
    // Page after page (other test files may have posted here too) until the button goes.
    const more = page.getByRole("button", { name: "Load more comments" });
    for (let shown = 20; await more.count(); ) {
      await more.click();
      await page
        .getByRole("status")
        .filter({ hasText: /more comments? shown/ })
        .waitFor();
      await until(async () => (await tops.count()) > shown, true);
      expect(await tops.count()).toBeGreaterThan(shown);
      shown = await tops.count();
      await until(async () => !(await more.isDisabled().catch(() => false)), true);
    }
    expect(await tops.count()).toBeGreaterThan(20);
    expect(await more.count()).toBe(0);
  });
});

describe("moderation, reports and the editors' selection in the widget", () => {
  it("shows a held comment to its author only, marked as awaiting moderation, also after a reload", async () => {
    const { page, pageErrors } = await open(JOURNAL);
    const heading = page.getByRole("heading", { level: 2 });
    const countBefore = await heading.textContent();
    const text = unique("Cette réforme des tarifs est une arnaque");
    await post(await composerForm(page, "Écrire un commentaire"), "Inès E2E", text);

    const held = commentWith(page, text);
    await held.waitFor();
    await page.getByRole("status").filter({ hasText: "après validation par la modération" }).waitFor();
    expect(await held.locator(".badge").textContent()).toBe("En attente de modération");
    // A neutral message: the words the site watches are not told.
    expect(await held.locator(".held-note").textContent()).toBe("Votre commentaire sera publié après relecture par la modération.");
    // Its author may change or delete it; nobody can reply to it, like it or report it yet.
    expect(await held.getByRole("button").allTextContents()).toEqual(["Modifier", "Supprimer"].map((b) => expect.stringContaining(b)));
    expect(await heading.textContent()).toBe(countBefore);
    // The post gave this reader a commenter token, kept for the site.
    expect(await page.evaluate(() => localStorage.getItem("palabre:token:demo-journal"))).toMatch(/\S{16,}/);

    // A held reply shows under its parent.
    const replyText = unique("Et le vendeur de billets, un escroc");
    await page.locator("#comment-1").getByRole("button", { name: "Répondre à Claire M." }).click();
    await post(page.getByRole("form", { name: "Répondre à Claire M." }), null, replyText);
    await page.locator("#comment-1 ul.replies > li", { hasText: replyText }).waitFor();

    await page.reload();
    await threadLoaded(page);
    const again = commentWith(page, text);
    await again.waitFor();
    expect(await again.locator(".badge").textContent()).toBe("En attente de modération");
    expect(await page.locator("ul.thread > li").first().textContent()).toContain(text);
    const heldReply = page.locator("#comment-1 ul.replies > li", { hasText: replyText });
    expect(await heldReply.locator(".badge").textContent()).toBe("En attente de modération");

    // Another reader sees neither.
    const other = await open(JOURNAL);
    expect(await other.page.locator("li.comment").count()).toBeGreaterThan(0);
    expect(await commentWith(other.page, text).count()).toBe(0);
    expect(await commentWith(other.page, replyText).count()).toBe(0);
    expect(await other.page.getByText("En attente de modération").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("forgets a token the site does not know and posts as a new reader", async () => {
    const { page } = await open(JOURNAL, (p) =>
      p.addInitScript(() => {
        if (!sessionStorage.getItem("seeded")) {
          sessionStorage.setItem("seeded", "1");
          localStorage.setItem("palabre:token:demo-journal", "not-a-token-of-this-site-0000000000");
        }
      }),
    );
    await threadLoaded(page);
    const posts: number[] = [];
    page.on("response", (r) => r.request().method() === "POST" && r.url().endsWith("/comments") && posts.push(r.status()));
    const text = unique("Un lecteur revenu après un grand ménage");
    await post(await composerForm(page, "Écrire un commentaire"), "Revenant", text);
    await commentWith(page, text).waitFor();
    // Refused once for the unknown token, then sent again without it.
    expect(posts).toEqual([401, 201]);
    const token = await page.evaluate(() => localStorage.getItem("palabre:token:demo-journal"));
    expect(token).not.toBe("not-a-token-of-this-site-0000000000");
    expect(token).toBeTruthy();
  });

  it("explains a charter violation, keeps the text, and says plainly that sending anyway will not publish it", async () => {
    const { page, pageErrors } = await open(JOURNAL);
    const form = await composerForm(page, "Écrire un commentaire");
    const text = unique("Le ministre des transports est un CONNÂRD");
    await post(form, "Gaston E2E", text);

    const alert = form.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Votre commentaire enfreint la charte du site.");
    expect(await alert.textContent()).toContain("« connard »");
    expect(await form.locator(".charter").textContent()).toContain("Le Quotidien accueille vos avis, pas les insultes");
    expect(await form.getByLabel("Votre commentaire").inputValue()).toBe(text);
    expect(await commentWith(page, text).count()).toBe(0);

    await form.getByRole("button", { name: "Envoyer quand même" }).click();
    await page.getByRole("status").filter({ hasText: "il ne sera pas publié" }).waitFor();
    expect(await form.getByLabel("Votre commentaire").inputValue()).toBe("");
    expect(await form.getByRole("button", { name: "Envoyer quand même" }).count()).toBe(0);
    expect(await commentWith(page, text).count()).toBe(0);
    await page.reload();
    await threadLoaded(page);
    // Issue 11: its author sees it, not published, with the statement of reasons; nobody else does.
    const mine = commentWith(page, text);
    await mine.locator("section.statement").waitFor();
    expect(await mine.locator(".badge.pending").textContent()).toBe("Non publié");
    expect(await mine.locator(".statement-title").textContent()).toMatch(/^\s*Retiré le /);
    const other = await open(JOURNAL);
    expect(await commentWith(other.page, text).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("reports a comment with a reason and a note, once", async () => {
    const text = unique("Achetez vos billets de train sur mon site pas cher");
    const id = await postAs("demo-journal", JOURNAL_STORY, "Vendeur", text);
    const { page, pageErrors } = await open(JOURNAL);
    await page.evaluate(() => document.addEventListener("palabre:reported", (e) => ((window as any).reported = (e as CustomEvent).detail)));
    const comment = page.locator(`#comment-${id}`);
    const button = comment.getByRole("button", { name: "Signaler le commentaire de Vendeur" });

    // Keyboard: focus goes into the form, Escape closes it and gives focus back to the button.
    await button.focus();
    await page.keyboard.press("Enter");
    const form = page.getByRole("form", { name: "Signaler le commentaire de Vendeur" });
    await form.waitFor();
    const activeName = () =>
      page.evaluate(() => (document.querySelector("palabre-comments")!.shadowRoot!.activeElement as HTMLInputElement)?.name);
    expect(await until(activeName, `reason-${id}`)).toBe(`reason-${id}`);
    await page.keyboard.press("Escape");
    await form.waitFor({ state: "detached" });
    expect(await until(() => shadowActiveId(page), `report-${id}`)).toBe(`report-${id}`);

    await button.click();
    // No reason chosen: the form says so.
    await form.getByRole("button", { name: "Envoyer le signalement" }).click();
    expect(await form.getByRole("alert").textContent()).toBe("Choisissez une raison avant d’envoyer le signalement.");
    await form.getByRole("radio", { name: "Spam ou publicité" }).check();
    await form.getByLabel("Précisions (facultatif)").fill("Publicité déguisée pour un revendeur.");
    await form.getByRole("button", { name: "Envoyer le signalement" }).click();
    await comment.getByRole("status").filter({ hasText: "Merci, le signalement a été transmis à la modération." }).waitFor();
    await form.waitFor({ state: "detached" });
    expect(await page.evaluate(() => (window as any).reported)).toEqual({ id, reason: "spam" });

    // A second report of the same comment by the same reader is refused.
    await button.click();
    await form.getByRole("radio", { name: "Hors sujet" }).check();
    await form.getByRole("button", { name: "Envoyer le signalement" }).click();
    await form.getByRole("alert").filter({ hasText: "Vous avez déjà signalé ce commentaire." }).waitFor();

    // The reader's own comments have no report button.
    const mine = unique("Mon propre avis");
    await post(await composerForm(page, "Écrire un commentaire"), "Lectrice", mine);
    await commentWith(page, mine).waitFor();
    expect(
      await commentWith(page, mine)
        .getByRole("button", { name: /^Signaler/ })
        .count(),
    ).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("shows the editors' selection above the thread, leads to each pick, and badges staff replies", async () => {
    // A thread whose fourth reply is not on the first page of replies: its pick must load it.
    const root = unique("Le vrai sujet, c’est le prix des couchettes");
    const rootId = await postAs("demo-journal", JOURNAL_STORY, "Noémie", root);
    expect((await admin("POST", "/demo-journal/comments/3/feature", { note: "Une source utile pour aller plus loin." })).status).toBe(200);
    let lastReply = 0;
    for (let i = 1; i <= 4; i++)
      lastReply = await postAs("demo-journal", JOURNAL_STORY, `Lecteur ${i}`, `Réponse sur les couchettes ${i}`, rootId);
    expect((await admin("POST", `/demo-journal/comments/${rootId}/feature`, { note: "Un témoignage qui résume le débat." })).status).toBe(
      200,
    );
    expect((await admin("POST", `/demo-journal/comments/${lastReply}/feature`, {})).status).toBe(200);
    const reply = await admin("POST", "/demo-journal/replies", {
      parentId: 4,
      body: "Nous avons comparé les prix : l’article sera mis à jour demain.",
    });
    expect(reply.status).toBe(201);
    const staffId = reply.data.comment.id as number;

    const { page, pageErrors } = await open(JOURNAL);
    const picks = page.getByRole("region", { name: "La sélection de la rédaction" });
    await picks.waitFor();
    // Most recently featured first (other tests may have featured more); each with its text and the editor's note.
    const texts = await picks.locator("li").allTextContents();
    const replyPick = texts.findIndex((t) => t.includes("Réponse sur les couchettes 4"));
    const rootPick = texts.findIndex((t) => t.includes(root));
    expect(replyPick).toBeGreaterThanOrEqual(0);
    expect(rootPick).toBeGreaterThan(replyPick);
    const items = picks.locator("li");
    expect(await items.nth(rootPick).locator(".editor-note").textContent()).toBe(
      "Le mot de la rédaction : Un témoignage qui résume le débat.",
    );
    expect(await items.nth(replyPick).locator(".editor-note").count()).toBe(0);
    // The selection comes before the thread.
    const order = await page.evaluate(() => {
      const r = document.querySelector("palabre-comments")!.shadowRoot!;
      return r.querySelector(".picks")!.compareDocumentPosition(r.querySelector("ul.thread")!) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    expect(await page.locator(`#comment-${rootId} .pick-mark`).first().textContent()).toBe("Sélection de la rédaction");

    // The staff reply carries the site's badge.
    expect(await page.locator(`#comment-${staffId} .badge.staff`).textContent()).toBe("Le Quotidien · Équipe");

    // The fourth reply is not shown yet: its link loads it, scrolls to it and highlights it.
    expect(await page.locator(`#comment-${lastReply}`).count()).toBe(0);
    await items.nth(replyPick).getByRole("link", { name: "Voir dans la discussion" }).click();
    const target = page.locator(`#comment-${lastReply}`);
    await target.waitFor();
    expect(await until(() => shadowActiveId(page), `comment-${lastReply}`)).toBe(`comment-${lastReply}`);
    expect(await target.getAttribute("class")).toContain("flash");
    expect(await target.isVisible()).toBe(true);
    expect(page.url()).toBe(JOURNAL);
    // The highlight is brief.
    await page.waitForFunction(
      (id) => !document.querySelector("palabre-comments")!.shadowRoot!.getElementById(id)!.classList.contains("flash"),
      `comment-${lastReply}`,
    );

    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/journal.png", fullPage: true });

    // <palabre-featured> on the home page: the site's picks across stories, linking to each comment.
    const home = await open(HOME, () => Promise.resolve());
    const section = home.page.getByRole("region", { name: "La sélection de la rédaction" });
    await section.locator("li").first().waitFor();
    const homeItems = section.locator("li");
    expect(await homeItems.count()).toBeLessThanOrEqual(5);
    // The latest pick leads; each links to its comment on the story's page, titled by the story.
    const first = homeItems.nth(0);
    expect(await first.textContent()).toContain("Réponse sur les couchettes 4");
    const link = first.getByRole("link", { name: "Trains de nuit : le grand retour ? — Le Quotidien" });
    expect(await link.getAttribute("href")).toBe(`${JOURNAL_STORY_URL}#comment-${lastReply}`);
    const rootItem = homeItems.filter({ hasText: "Le vrai sujet" });
    expect(await rootItem.locator(".editor-note").textContent()).toBe("Le mot de la rédaction : Un témoignage qui résume le débat.");
    await home.page.screenshot({ path: "test-results/featured.png", fullPage: true });
    expect([...pageErrors, ...home.pageErrors]).toEqual([]);
  });

  it("<palabre-featured> says when the selection cannot load, and loads it on retry", async () => {
    let fail = true;
    const { page } = await open(HOME, (p) =>
      p.route(`${API_ORIGIN}/api/**/featured?**`, (route) => (fail ? route.abort("connectionrefused") : route.continue())),
    );
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Impossible de joindre le serveur des commentaires.");
    fail = false;
    await page.getByRole("button", { name: "Réessayer" }).click();
    await page.getByRole("region", { name: "La sélection de la rédaction" }).locator("li").first().waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
  });
});

describe("the reader's own comments, reactions and counts in the widget", () => {
  it("likes, edits and deletes the reader's own comment", async () => {
    const { page, pageErrors } = await open(JOURNAL);
    await page.evaluate(() => document.addEventListener("palabre:reacted", (e) => ((window as any).reacted = (e as CustomEvent).detail)));
    const text = unique("Un avis à revoir");
    await post(await composerForm(page, "Écrire un commentaire"), "Auteur E2E", text);
    const comment = commentWith(page, text);
    await comment.waitFor();
    const id = Number((await comment.getAttribute("id"))!.slice(8));

    // Like: a toggle with its count, reconciled with the server.
    const like = comment.getByRole("button", { name: "J'apprécie" });
    expect(await like.getAttribute("aria-pressed")).toBe("false");
    await like.click();
    expect(await until(() => like.getAttribute("aria-pressed"), "true")).toBe("true");
    await page.waitForFunction(() => (window as any).reacted);
    expect(await page.evaluate(() => (window as any).reacted)).toEqual({ id, reacted: true, reactions: 1 });
    expect(await comment.locator(`#likes-${id}`).textContent()).toBe("1");

    // Edit within the window: the text changes and the comment says it was edited.
    await comment.getByRole("button", { name: "Modifier" }).click();
    const form = page.getByRole("form", { name: "Modifier votre commentaire" });
    expect(await until(() => shadowActiveId(page), `body-e${id}`)).toBe(`body-e${id}`);
    const edited = unique("Un avis revu et corrigé");
    await form.getByRole("textbox").fill(edited);
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await form.waitFor({ state: "detached" });
    await commentWith(page, edited).locator(".body", { hasText: edited }).waitFor();
    expect(await commentWith(page, edited).getByText("modifié", { exact: true }).count()).toBe(1);

    // Delete, after a confirmation; without replies it disappears.
    await commentWith(page, edited).getByRole("button", { name: "Supprimer" }).click();
    await page.getByRole("button", { name: "Oui, supprimer" }).click();
    await page.locator(`#comment-${id}`).waitFor({ state: "detached" });
    await page.getByRole("status").filter({ hasText: "Votre commentaire a été supprimé." }).waitFor();
    await page.reload();
    await threadLoaded(page);
    expect(await page.locator(`#comment-${id}`).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("announces comments posted by others while the thread is open, and shows them on request", async () => {
    const { page, pageErrors } = await open(JOURNAL);
    const news: number[] = [];
    page.on("response", (r) => r.url().includes("/news?") && news.push(r.status()));
    const text = unique("Posté pendant la lecture");
    const id = await postAs("demo-journal", JOURNAL_STORY, "Autre lecteur", text);
    // Announced (at most 15 s later), never inserted under the reader.
    const button = page.getByRole("button", { name: "1 nouveau commentaire" });
    await button.waitFor({ timeout: 20_000 });
    await page.getByRole("status").filter({ hasText: "1 nouveau commentaire" }).waitFor();
    expect(await commentWith(page, text).count()).toBe(0);
    await button.click();
    await commentWith(page, text).waitFor();
    expect(await until(() => shadowActiveId(page), `comment-${id}`)).toBe(`comment-${id}`);
    expect(await button.count()).toBe(0);
    expect(news.length).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  it("opens a permalink to a comment pages down the thread, scrolled to and highlighted", async () => {
    // The seed's first comment is the oldest: with 40 newer ones it sits on page 3 of the newest first.
    await Promise.all(Array.from({ length: 40 }, (_, i) => postAs("demo-journal", JOURNAL_STORY, "Lecteur pressé", unique(`Avis ${i}`))));
    const { page, pageErrors } = await open(`${JOURNAL}#comment-1`, () => Promise.resolve());
    const target = page.locator("#comment-1");
    await target.waitFor();
    expect(await until(() => shadowActiveId(page), "comment-1")).toBe("comment-1");
    expect(await target.getAttribute("class")).toContain("flash");
    expect(await target.isVisible()).toBe(true);
    expect(await page.locator("ul.thread > li").count()).toBeGreaterThan(40);
    expect(pageErrors).toEqual([]);
  });

  it("fetches nothing until the discussion comes near the viewport", async () => {
    const { page } = await open(JOURNAL);
    const asked: string[] = [];
    page.on("request", (r) => r.url().includes("lazy-e2e") && asked.push(r.url()));
    await page.evaluate(() => {
      const spacer = document.createElement("div");
      spacer.style.height = "6000px";
      const el = document.createElement("palabre-comments");
      el.setAttribute("site", "demo-journal");
      el.setAttribute("story", "lazy-e2e");
      document.body.append(spacer, el);
    });
    await page.waitForTimeout(500);
    expect(asked).toEqual([]);
    await page.evaluate(() => document.querySelector('palabre-comments[story="lazy-e2e"]')!.scrollIntoView());
    await page.waitForFunction(() =>
      document.querySelector('palabre-comments[story="lazy-e2e"]')!.shadowRoot!.querySelector(".empty, .join"),
    );
    expect(asked.length).toBeGreaterThan(0);
  });

  it("<palabre-count> elements of a page share one request", async () => {
    const { page } = await open(JOURNAL);
    const asked: string[] = [];
    page.on("request", (r) => r.url().includes("/counts?") && asked.push(r.url()));
    await page.evaluate((story) => {
      for (const key of [story, "une-autre-histoire", "une-autre-histoire", "encore-une"]) {
        const el = document.createElement("palabre-count");
        el.setAttribute("site", "demo-journal");
        el.setAttribute("story", key);
        document.body.append(el);
      }
    }, JOURNAL_STORY);
    const texts = () =>
      page.evaluate(() => [...document.querySelectorAll("palabre-count")].map((el) => el.shadowRoot!.textContent!.trim()));
    // Defined by a chunk of their own (loaded when the browser is idle, for elements added later).
    await page.waitForFunction(() => [...document.querySelectorAll("palabre-count")].every((el) => el.shadowRoot?.textContent?.trim()));
    const shown = await texts();
    expect(shown[0]).toMatch(/^\d+ commentaires?$/);
    expect(shown.slice(1)).toEqual(["0 commentaire", "0 commentaire", "0 commentaire"]);
    expect(asked).toHaveLength(1);
  });
});

describe("signing in through the site (SSO) in the widget", () => {
  const SSO_SECRET = "demo-band-sso-secret-not-for-production-2026"; // the demo band's, public (demo/seed.sql)
  const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64url");
  const token = (name: string, exp: number) => {
    const unsigned = `${b64(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64(JSON.stringify({ sub: `e2e-${name}`, name, exp, aud: "demo-band" }))}`;
    return `${unsigned}.${createHmac("sha256", SSO_SECRET).update(unsigned).digest("base64url")}`;
  };
  const setGuests = async (guestPosting: boolean) => {
    const { data } = await admin("GET", "/demo-band/settings");
    const put = await admin("PUT", "/demo-band/settings", {
      name: data.site.name,
      allowedOrigins: data.site.allowedOrigins,
      settings: { ...data.settings, guestPosting, loginUrl: "https://owls.example/login" },
    });
    expect(put.status).toBe(200);
  };

  it("asks guests to sign in, posts under the signed-in name, and says when the sign-in has expired", async () => {
    await setGuests(false);
    const { page, pageErrors } = await open(BAND);
    await page.evaluate(() =>
      document.addEventListener("palabre:login-requested", (e) => {
        (window as any).loginRequested = true;
        e.preventDefault(); // the site opens its own dialog
      }),
    );
    await page.getByRole("button", { name: "Sign in to comment" }).click();
    expect(await page.evaluate(() => (window as any).loginRequested)).toBe(true);
    expect(page.url()).toBe(BAND);
    expect(await page.getByRole("form", { name: "Write a comment" }).count()).toBe(0);

    await page.evaluate((t) => (window as any).palabre.login(t), token("Lou E2E", Math.floor(Date.now() / 1000) + 600));
    await page.getByText("Signed in as Lou E2E").waitFor();
    const form = await composerForm(page, "Write a comment");
    expect(await form.getByLabel("Your name").count()).toBe(0);
    const text = unique("Signed in and commenting");
    await form.getByRole("textbox", { name: "Your comment" }).fill(text);
    await form.getByRole("button", { name: "Publish" }).click();
    const mine = commentWith(page, text);
    await mine.waitFor();
    expect(await mine.locator(".author").first().textContent()).toBe("Lou E2E");

    // An expired token: reading goes on anonymously; posting says why it is refused.
    await setGuests(true);
    await page.evaluate((t) => (window as any).palabre.login(t), token("Lou E2E", Math.floor(Date.now() / 1000) - 600));
    await page.getByText("Signed in as Lou E2E").waitFor({ state: "detached" });
    await form.getByLabel("Your name").fill("Lou");
    await form.getByRole("textbox", { name: "Your comment" }).fill(unique("Too late"));
    await form.getByRole("button", { name: "Publish" }).click();
    await form.getByRole("alert").filter({ hasText: "Your session has expired. Please sign in again to comment." }).waitFor();
    await page.evaluate(() => (window as any).palabre.logout());
    expect(pageErrors).toEqual([]);
  });
});
