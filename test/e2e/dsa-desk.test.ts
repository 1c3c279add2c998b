// The DSA desk (issue 11) in Chromium, against `wrangler dev`: a moderator rejects a comment with a
// ground from the keyboard; its author, in the browser that posted it, reads the statement of reasons
// on the demo page and contests it; the appeal shows in Appeals, where the moderator who decided is
// told in words that someone else must answer, and another moderator restores the comment. A notice
// of illegal content sent through the reader API shows in Legal notices with its age and is decided.
// The Trust and safety settings and the transparency export are read too; screenshots at 1280 and
// 390 px, and nothing scrolls sideways at 320 px.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { announced, focusByKeyboard, itemWith } from "./dashboard-support";
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
const JOURNAL_STORY = "https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour";
const ADMIN = `${API_ORIGIN}/admin/`;
const ADMIN_EMAIL = "admin@palabre.example";
const ADMIN_PASSWORD = "palabre-demo-2026";
/** A second staff member of the journal: an appeal is answered by someone other than who decided. */
const MOD_EMAIL = "moderatrice.dsa@palabre.example";
const MOD_PASSWORD = "moderatrice-dsa-e2e-2026";
const CLAUSES = ["Pas d'attaques personnelles ni d'insultes", "Restez dans le sujet de l'article"];

let browser: Browser;
let admin: StaffApi;
let restoreSettings: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signIn();
  // Restores the journal's settings as they were (no clauses) after this file.
  restoreSettings = await liftFloodLimits(admin, ["demo-journal"]);
  const { data } = await admin("GET", "/demo-journal/settings");
  const put = await admin("PUT", "/demo-journal/settings", {
    name: data.site.name,
    allowedOrigins: data.site.allowedOrigins,
    settings: { charterClauses: CLAUSES },
  });
  expect(put.status).toBe(200);
  const run = spawnSync(
    "npm",
    [
      "run",
      "--silent",
      "staff",
      "--",
      "add",
      "--email",
      MOD_EMAIL,
      "--name",
      "Modératrice DSA",
      "--site",
      "demo-journal",
      "--role",
      "moderator",
      "--persist-to",
      inject("e2eState"),
    ],
    { encoding: "utf8", env: { ...process.env, CI: "true", PALABRE_STAFF_PASSWORD: MOD_PASSWORD } },
  );
  if (run.status !== 0) throw new Error(`npm run staff -- add failed:\n${run.stdout}\n${run.stderr}`);
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

async function open(url: string, locale: string, width = 1280): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 1000 }, locale });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(url);
  return { context, page, pageErrors };
}

async function signInAs(page: Page, email: string, password: string, fr = false): Promise<void> {
  await page.getByLabel(fr ? "Adresse e-mail" : "Email").fill(email);
  await page.getByLabel(fr ? "Mot de passe" : "Password").fill(password);
  await page.getByRole("button", { name: fr ? "Se connecter" : "Sign in" }).click();
}

const threadLoaded = (page: Page) => page.getByRole("heading", { level: 2, name: /^Commentaires \(\d+\)$/ }).waitFor();
const commentWith = (page: Page, text: string) => page.locator("ul.thread li.comment", { hasText: text }).last();

/** Screenshots at 1280 and 390 px (of `part` when given), and nothing wider than the window at 320 px. */
async function shoot(page: Page, name: string, part?: Locator): Promise<void> {
  mkdirSync("test-results", { recursive: true });
  const before = page.viewportSize()!;
  const snap = async (width: number, height: number) => {
    await page.setViewportSize({ width, height });
    const path = `test-results/dsa-${name}-${width}.png`;
    if (part) await part.screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  };
  await snap(1280, before.height);
  await snap(390, 844);
  await page.setViewportSize({ width: 320, height: 700 });
  const overflow = await page.evaluate(() => {
    const dialog = document.querySelector("dialog[open]");
    const wide = (el: Element) => el.scrollWidth > el.clientWidth + 1;
    return { page: document.documentElement.scrollWidth - window.innerWidth, dialog: dialog ? wide(dialog) : false };
  });
  expect(overflow, `${name} at 320 px`).toEqual({ page: 0, dialog: false });
  await page.setViewportSize(before);
  // And nothing serious for assistive technology (axe-core), dialog open or not.
  expect(await seriousViolations(page), `${name}: axe`).toEqual([]);
}

/** Waits for the live region to say `text`; else fails with what the open dialog says (an error in words). */
async function announcedOrSaid(page: Page, text: string): Promise<void> {
  try {
    await announced(page, text, 10_000);
  } catch (err) {
    const said = await page.evaluate(() => document.querySelector("dialog[open]")?.textContent ?? "(no dialog open)");
    throw new Error(`not announced: ${text}\nthe dialog says: ${said}\n${err}`);
  }
}

/** The reader API's thread as the author's browser reads it (its token). */
async function ownComment(token: string, id: number): Promise<any> {
  const res = await fetch(`${API_ORIGIN}/api/v1/demo-journal/thread?story=${encodeURIComponent(JOURNAL_STORY)}&limit=100`, {
    headers: { Origin: DEMO_ORIGIN, Authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const data = (await res.json()) as { own?: any[] };
  return data.own?.find((c) => c.id === id);
}

describe("the DSA desk", () => {
  it("rejects with a ground; the author reads the statement and contests it; another moderator restores the comment", async () => {
    // 1. A reader posts a comment with a suspect word: held for review.
    const author = await open(JOURNAL, "fr-FR");
    await threadLoaded(author.page);
    const text = unique("Ce billet de nuit est une arnaque et son auteur un incapable");
    const form = await composerForm(author.page, "Écrire un commentaire");
    await form.getByLabel("Votre nom").fill("Auteur DSA");
    await form.getByRole("textbox", { name: "Votre commentaire" }).fill(text);
    await form.getByRole("button", { name: "Publier" }).click();
    await commentWith(author.page, text).waitFor();

    // 2. The admin rejects it with r: the clauses first, then the charter, then the law.
    const staff = await open(`${ADMIN}#/demo-journal/queues/pending`, "en-US");
    const { page } = staff;
    await signInAs(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    const item = itemWith(page, text);
    await item.waitFor();
    const id = Number(await item.getAttribute("data-comment-id"));
    // The built-in scorer found the suspect word: a badge in words, its label, its provider on hover.
    const score = item.locator("p.score");
    await score.waitFor();
    expect(await score.textContent()).toMatch(/^Automatic check: (Looks fine|Worth a look|Likely a problem) \d+\/100Suspect word/);
    expect(await score.getAttribute("title")).toContain("Palabre's word check");
    await focusByKeyboard(page, text);
    await page.keyboard.press("r");
    const dialog = page.getByRole("dialog", { name: "Reject this comment" });
    await dialog.waitFor();
    const radios = dialog.getByRole("radio");
    await radios.first().waitFor();
    const names = await radios.evaluateAll((els) => els.map((el) => el.closest("label")!.textContent!.trim()));
    expect(names.slice(0, 4)).toEqual([`Clause 1: ${CLAUSES[0]}`, `Clause 2: ${CLAUSES[1]}`, "The site's charter", "Hate speech"]);
    expect(names).toContain("Child safety");
    expect(names).toHaveLength(2 + 1 + 9);
    // Nothing used yet on this site: the charter is chosen, and has the focus.
    const charter = dialog.getByRole("radio", { name: "The site's charter" });
    expect(await charter.isChecked()).toBe(true);
    expect(await charter.evaluate((el) => el === document.activeElement)).toBe(true);
    // The arrows go up to clause 1; Tab reaches the explanation.
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    expect(await dialog.getByRole("radio", { name: `Clause 1: ${CLAUSES[0]}` }).isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    const explanation = "Traiter l'auteur d'incapable est une attaque personnelle.";
    await page.keyboard.type(explanation);
    expect(await dialog.getByLabel("Explanation for the author (optional)").inputValue()).toBe(explanation);
    await shoot(page, "reject-dialog");
    await page.keyboard.press("Control+Enter");
    await announced(page, "Comment rejected");
    await item.waitFor({ state: "detached" });

    // 3. The author's token reads the statement of reasons in `own`.
    const token = await author.page.evaluate(() => localStorage.getItem("palabre:token:demo-journal"));
    expect(token).toBeTruthy();
    const own = await ownComment(token!, id);
    expect(own.status).toBe("rejected");
    expect(own.statement).toMatchObject({
      decision: "removed",
      source: "moderator",
      groundKind: "terms",
      ground: "clause:1",
      explanation,
      canAppeal: true,
    });
    expect(own.statement.groundLabel).toContain(CLAUSES[0]);

    // 4. The next rejections on this site start on the ground used last: a selection (x, x), r, Enter.
    const more = [unique("Encore une arnaque, hors sujet complet"), unique("Toujours cette arnaque, rien à voir")];
    for (const body of more) {
      const held = await fetch(`${API_ORIGIN}/api/v1/demo-journal/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: API_ORIGIN },
        body: JSON.stringify({ story: JOURNAL_STORY, body, author: { name: "Second DSA" } }),
      });
      expect(held.status).toBe(201);
    }
    // The open queue announces new items rather than showing them (other files leave items pending
    // too): load it afresh to list them.
    await page.reload();
    for (const body of more) {
      await focusByKeyboard(page, body);
      await page.keyboard.press("x");
    }
    await page.keyboard.press("r");
    const bulk = page.getByRole("dialog", { name: "Reject 2 comments" });
    await bulk.waitFor();
    expect(await bulk.getByRole("radio", { name: `Clause 1: ${CLAUSES[0]}` }).isChecked()).toBe(true);
    await page.keyboard.press("Enter");
    await announced(page, "2 comments rejected");
    for (const body of more) await itemWith(page, body).waitFor({ state: "detached" });

    // 5. The author sees the statement under their comment on the demo page, and contests it.
    await author.page.reload();
    await threadLoaded(author.page);
    const mine = commentWith(author.page, text);
    await mine.waitFor();
    const statement = mine.locator(".statement");
    await statement.waitFor();
    const said = (await statement.textContent()) ?? "";
    expect(said).toContain("Retiré le");
    expect(said).toContain(CLAUSES[0]);
    expect(said).toContain(explanation);
    await mine.getByRole("button", { name: "Contester" }).click();
    const appealText = "Je critiquais le service de nuit, pas une personne : merci de relire.";
    await mine.getByRole("textbox", { name: "Pourquoi contestez-vous cette décision ?" }).fill(appealText);
    await mine.getByRole("button", { name: "Envoyer la contestation" }).click();
    await mine.getByText(/Contestation envoyée le/).waitFor();

    // 6. The appeal is in Appeals, with the author's words and the decision contested.
    const appealsTab = page.getByRole("tab", { name: /^Appeals/ });
    await appealsTab.click();
    const appealItem = itemWith(page, text);
    await appealItem.waitFor();
    const box = (await appealItem.locator(".appeal-box").textContent()) ?? "";
    expect(box).toContain(appealText);
    expect(box).toContain(CLAUSES[0]);
    expect(box).toContain(explanation);
    // Its age, in the words a person uses (under a minute: "just now").
    expect(box).toMatch(/Appealed (just now|\d+ min ago)/);
    expect(Number(await appealsTab.locator(".count").textContent())).toBeGreaterThanOrEqual(1);
    await focusByKeyboard(page, text);
    await shoot(page, "appeals-queue");

    // The admin took the decision: the refusal is said in words, in the dialog.
    await page.keyboard.press("a");
    const restore = page.getByRole("dialog", { name: "Restore the comment" });
    await restore.waitFor();
    await page.keyboard.type("Relu : pas d'attaque personnelle.");
    await page.keyboard.press("Control+Enter");
    await restore.getByRole("alert").filter({ hasText: "another member of the team must answer it" }).waitFor();
    await page.keyboard.press("Escape");
    await restore.waitFor({ state: "detached" });
    expect(await appealItem.count()).toBe(1);

    // 7. Another moderator restores it, in French.
    const other = await open(`${ADMIN}#/demo-journal/queues/appeals`, "fr-FR");
    await signInAs(other.page, MOD_EMAIL, MOD_PASSWORD, true);
    await other.page.getByRole("tab", { name: /^Contestations/ }).waitFor();
    await focusByKeyboard(other.page, text);
    await other.page.keyboard.press("a");
    const rétablir = other.page.getByRole("dialog", { name: "Rétablir le commentaire" });
    await rétablir.waitFor();
    await other.page.keyboard.type("Relu par une autre modératrice : critique du service, pas de la personne.");
    await other.page.keyboard.press("Control+Enter");
    await announcedOrSaid(other.page, "Contestation acceptée : le commentaire est de nouveau publié");
    await itemWith(other.page, text).waitFor({ state: "detached" });

    // …and the comment is published again for every reader.
    const reader = await open(JOURNAL, "fr-FR");
    await threadLoaded(reader.page);
    await commentWith(reader.page, text).waitFor();
    await reader.context.close();

    // 8. The audit log says who decided what.
    await other.page.getByRole("link", { name: "Journal", exact: true }).click();
    const rows = other.page.locator("table.audit tbody tr");
    await rows.first().waitFor();
    const log = (await rows.allTextContents()).join("\n");
    expect(log).toMatch(/A tranché une contestation[\s\S]*commentaire rétabli/);

    expect(staff.pageErrors).toEqual([]);
    expect(other.pageErrors).toEqual([]);
    expect(author.pageErrors).toEqual([]);
    await staff.context.close();
    await other.context.close();
    await author.context.close();
  });

  it("lists a notice of illegal content in Legal notices with its age, and decides it", async () => {
    // 1. Two published comments, each notified through the reader API (no account).
    const removed = unique("Mon voisin Paul D. a volé la caisse du club, tout le monde le sait");
    const kept = unique("Le tarif de nuit a doublé en un an, c'est scandaleux");
    const removedId = await postAs("demo-journal", JOURNAL_STORY, "Notifié DSA", removed);
    const keptId = await postAs("demo-journal", JOURNAL_STORY, "Notifié DSA", kept);
    const notify = async (commentId: number, body: object) => {
      const res = await fetch(`${API_ORIGIN}/api/v1/demo-journal/comments/${commentId}/notices`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: API_ORIGIN },
        body: JSON.stringify({ goodFaith: true, ...body }),
      });
      const data = (await res.json()) as { reference: string };
      expect(res.status).toBe(201);
      expect(data.reference).toMatch(/^N-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      return data.reference;
    };
    const reference = await notify(removedId, {
      ground: "defamation",
      explanation: "Ce commentaire accuse nommément une personne d'un vol, sans preuve.",
      name: "Jeanne Notifiante",
      email: "jeanne.notifiante@example.com",
    });
    await notify(keptId, { ground: "hate_speech", explanation: "Je trouve ce commentaire haineux envers la SNCF." });

    // 2. Legal notices, in French: the notice's age first, its ground, words and notifier.
    const { page, context, pageErrors } = await open(`${ADMIN}#/demo-journal/queues/notices`, "fr-FR");
    await signInAs(page, ADMIN_EMAIL, ADMIN_PASSWORD, true);
    const tab = page.getByRole("tab", { name: /^Signalements légaux/ });
    await tab.waitFor();
    expect(await tab.getAttribute("aria-selected")).toBe("true");
    const item = itemWith(page, removed);
    await item.waitFor();
    const notice = (await item.locator(".notice-box").textContent()) ?? "";
    expect(notice).toMatch(/Reçu (à l'instant|il y a \d+ min)/);
    // The tab counts the open notices, as the other tabs count theirs; each decision takes one off.
    const openNotices = async () => Number(await tab.locator(".count").textContent());
    const before = await openNotices();
    expect(before).toBeGreaterThanOrEqual(2);
    for (const part of ["Diffamation", "accuse nommément", "Jeanne Notifiante", "jeanne.notifiante@example.com", reference]) {
      expect(notice).toContain(part);
    }
    const keptItem = itemWith(page, kept);
    expect(await keptItem.locator(".notice-box").textContent()).toContain("Anonyme");
    await focusByKeyboard(page, removed);
    await shoot(page, "notices-queue");

    // 3. r removes it, on the notice's own ground, chosen already: Enter confirms.
    await page.keyboard.press("r");
    const dialog = page.getByRole("dialog", { name: "Retirer le commentaire" });
    await dialog.waitFor();
    expect(await dialog.getByRole("radio", { name: "Diffamation" }).isChecked()).toBe(true);
    await page.keyboard.press("Enter");
    await announcedOrSaid(page, "Commentaire retiré ; le signalement est tranché");
    await item.waitFor({ state: "detached" });

    // 4. a keeps the other one, with words for the notifier.
    await focusByKeyboard(page, kept);
    await page.keyboard.press("a");
    const keep = page.getByRole("dialog", { name: "Conserver le commentaire" });
    await keep.waitFor();
    await page.keyboard.type("Une critique d'un tarif n'est pas un discours de haine.");
    await page.keyboard.press("Control+Enter");
    await announcedOrSaid(page, "Commentaire conservé ; le signalement est tranché");
    await keptItem.waitFor({ state: "detached" });
    expect(await openNotices()).toBe(before - 2);

    // The removed comment is gone for readers; the kept one stays.
    const reader = await open(JOURNAL, "fr-FR");
    await threadLoaded(reader.page);
    await commentWith(reader.page, kept).waitFor();
    expect(await commentWith(reader.page, removed).count()).toBe(0);
    await reader.context.close();

    // 5. The transparency export on Figures: the period, JSON and CSV.
    await page.getByRole("link", { name: "Statistiques" }).click();
    const section = page.getByRole("region", { name: "Rapport de transparence (DSA)" });
    await section.waitFor();
    const json = section.getByRole("link", { name: "Télécharger en JSON" });
    const href = (await json.getAttribute("href"))!;
    expect(href).toMatch(/\/transparency\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&format=json$/);
    const report = await page.evaluate(async (url) => (await fetch(url)).json(), href);
    expect(report.notices.received).toBeGreaterThanOrEqual(2);
    const csvHref = (await section.getByRole("link", { name: "Télécharger en CSV" }).getAttribute("href"))!;
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), csvHref);
    expect(csv.split(/\r?\n/)[0]).toBe("section,key,value");
    // A wrong period says why, and offers no download.
    await section.getByLabel("Du").fill("2027-12-31");
    await section.getByRole("alert").filter({ hasText: "La fin de la période précède son début." }).waitFor();
    expect(await section.getByRole("link", { name: "Télécharger en JSON" }).count()).toBe(0);
    await shoot(page, "transparency");

    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("shows the Trust and safety settings: clauses, scoring and the bot check", async () => {
    const { page, context, pageErrors } = await open(`${ADMIN}#/demo-journal/settings`, "en-US");
    await signInAs(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    const clauses = page.getByLabel("Charter clauses");
    await clauses.waitFor();
    expect(await clauses.inputValue()).toBe(CLAUSES.join("\n"));
    await page.getByText("2 / 30 clauses").waitFor();
    expect(await page.getByLabel("Palabre's word check").isChecked()).toBe(true);
    expect(await page.getByLabel("Hold for review from score").inputValue()).toMatch(/^\d+$/);
    // Turning a check on offers what to do when it does not answer.
    await page.getByLabel("OpenAI moderation").check();
    await page.getByText("If it does not answer, hold the comment").waitFor();
    // The bot check on without keys: the screen says nobody could post as a guest.
    await page.getByLabel("Ask guests for a bot check").check();
    await page.getByText(/a key is missing/).waitFor();
    await shoot(page, "settings", page.locator(".trust-sections"));
    // Nothing is saved: the journal's other tests post as guests.
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
