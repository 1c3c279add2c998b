// A reader's data, end to end in Chromium against `wrangler dev` (issue 12, GDPR Art. 15, 17, 20):
// a guest posts two comments on the demo journal (one another reader answers, one alone); the demo
// admin opens that person's view in the dashboard, downloads their data, and erases them through
// the dialog (typing their name); the demo page then shows the answered comment as a "deleted"
// placeholder with the other reader's reply under it, the lone one not at all, and the name nowhere.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { announced } from "./dashboard-support";
import { API_ORIGIN, DEMO_ORIGIN, launchBrowser, liftFloodLimits, seriousViolations, signIn, type StaffApi } from "./support";

const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
const ADMIN = `${API_ORIGIN}/admin/`;
const JOURNAL_STORY = "https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour";
const SHOTS = "test-results";
const MOD_EMAIL = "moderatrice.rgpd@lequotidien.example";
const MOD_PASSWORD = "moderatrice-rgpd-2026";

let browser: Browser;
let admin: StaffApi;
let restoreSettings: () => Promise<void> = async () => undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signIn();
  restoreSettings = await liftFloodLimits(admin, ["demo-journal"]);
  mkdirSync(SHOTS, { recursive: true });
  // A moderator of the journal, who may see a person but not take out or erase their data.
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
      "Modératrice RGPD",
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
  for (const context of contexts) await context.close().catch(() => undefined);
  await restoreSettings();
  await browser?.close();
});

const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Posts on the journal's story through the reader API, as a new guest unless their token is given. */
async function post(
  name: string,
  body: string,
  opts: { parentId?: number; bearer?: string } = {},
): Promise<{ id: number; token?: string }> {
  const res = await fetch(`${API_ORIGIN}/api/v1/demo-journal/comments`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Origin: API_ORIGIN,
      ...(opts.bearer ? { Authorization: `Bearer ${opts.bearer}` } : {}),
    },
    body: JSON.stringify({ story: JOURNAL_STORY, body, parentId: opts.parentId, author: { name } }),
  });
  const data = (await res.json()) as { comment: { id: number; status: string }; commenterToken?: string };
  expect([res.status, data.comment?.status]).toEqual([201, "published"]);
  return { id: data.comment.id, token: data.commenterToken };
}

async function open(url: string, width = 1280): Promise<{ page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-US", acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(url);
  return { page, pageErrors };
}

/** The dashboard at `hash`, signed in through its own form. */
async function dashboard(
  hash: string,
  email = "admin@palabre.example",
  password = "palabre-demo-2026",
): Promise<{ page: Page; pageErrors: string[] }> {
  const opened = await open(`${ADMIN}${hash}`);
  await opened.page.getByLabel("Email").fill(email);
  await opened.page.getByLabel("Password").fill(password);
  await opened.page.getByRole("button", { name: "Sign in" }).click();
  await opened.page.locator("header .sign-out").waitFor();
  return opened;
}

const threadLoaded = (page: Page) => page.getByRole("heading", { level: 2, name: /^(Commentaires|Comments) \(\d+\)$/ }).waitFor();

describe("a person's data, from the dashboard", () => {
  it("exports a reader's data, erases them through the dialog, and the demo page keeps only a nameless placeholder", async () => {
    const t = tag();
    const name = `Zéphyrine Quatremare ${t}`;
    const answeredText = `Enfin des trains de nuit vers Vienne (${t})`;
    const aloneText = `Et le wagon-restaurant, il revient aussi ? (${t})`;
    const replyText = `Oui, dès le printemps (${t})`;
    const answered = await post(name, answeredText);
    const alone = await post(name, aloneText, { bearer: answered.token });
    const reply = await post(`Chantal ${t}`, replyText, { parentId: answered.id });

    // Before: the demo page shows both comments under the person's name (so the checks below can fail).
    const demo = await open(JOURNAL);
    await threadLoaded(demo.page);
    await demo.page.locator(`#comment-${alone.id}`).waitFor();
    expect(await demo.page.getByText(name).count()).toBeGreaterThan(0);

    // The demo admin signs in and opens the person from their lone comment in Recent.
    const { page, pageErrors } = await dashboard("#/demo-journal/queues/recent");
    const item = page.locator("article.item", { hasText: aloneText });
    await item.getByRole("button", { name }).click();
    const drawer = page.getByRole("dialog", { name });
    await drawer.getByRole("tab", { name: /^Comments \(2\)/ }).waitFor();
    await page.screenshot({ path: `${SHOTS}/erasure-person.png` });

    // Their data, as the download the browser saves.
    const [download] = await Promise.all([page.waitForEvent("download"), drawer.getByRole("link", { name: "Export data" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^palabre-demo-journal-person-\d+\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(data).toMatchObject({ format: "palabre-person-export", identity: { name, erasedAt: null } });
    expect(data.comments.map((c: { id: number; body: string }) => [c.id, c.body]).sort()).toEqual(
      [
        [answered.id, answeredText],
        [alone.id, aloneText],
      ].sort(),
    );

    // Escape leaves the dialog (not the drawer) and gives the focus back to the button.
    const eraseButton = drawer.getByRole("button", { name: "Erase this person" });
    await eraseButton.click();
    const dialog = page.getByRole("dialog", { name: `Erase ${name}?` });
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await drawer.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Erase this person");

    // The dialog says what happens; its button waits for the whole name.
    await eraseButton.click();
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("This cannot be undone.");
    const confirm = dialog.getByRole("button", { name: "Erase for good" });
    const typed = dialog.getByLabel(`To confirm, type their name: ${name}`);
    await typed.fill(name.slice(0, -1));
    expect(await confirm.isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/erasure-dialog.png` });
    await typed.fill(name);
    await confirm.click();

    // Announced; the person reloads as erased, with the focus on their title, and no Erase button.
    await announced(page, "Erased: 1 comment removed, 1 kept as a placeholder");
    const erased = page.getByRole("dialog", { name: "Erased person" });
    await erased.getByRole("heading", { name: "Erased person" }).waitFor();
    await dialog.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Erased person");
    expect(await erased.getByRole("button", { name: "Erase this person" }).count()).toBe(0);
    expect(await erased.textContent()).not.toContain(name);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/erasure-erased-person.png` });
    expect(pageErrors).toEqual([]);

    // The demo page: the answered comment is a placeholder with the reply under it; the lone one is gone; no name.
    await demo.page.reload();
    await threadLoaded(demo.page);
    const placeholder = demo.page.locator(`#comment-${answered.id}`);
    await placeholder.locator(`#comment-${reply.id}`).waitFor();
    await placeholder.getByText("Commentaire supprimé").first().waitFor();
    expect(await placeholder.locator(`#comment-${reply.id}`).textContent()).toContain(replyText);
    expect(await placeholder.textContent()).not.toContain(answeredText);
    expect(await demo.page.locator(`#comment-${alone.id}`).count()).toBe(0);
    expect(await demo.page.getByText(name).count()).toBe(0);
    expect(await demo.page.getByText(aloneText).count()).toBe(0);
    await placeholder.screenshot({ path: `${SHOTS}/erasure-demo-placeholder.png` });
    expect(demo.pageErrors).toEqual([]);
  });

  it("offers a moderator neither the export nor the erasure", async () => {
    const t = tag();
    const name = `Octave Lebrun ${t}`;
    const text = `Un avis sans histoire (${t})`;
    await post(name, text);
    const { page, pageErrors } = await dashboard("#/demo-journal/queues/recent", MOD_EMAIL, MOD_PASSWORD);
    await page.locator("article.item", { hasText: text }).getByRole("button", { name }).click();
    const drawer = page.getByRole("dialog", { name });
    await drawer.getByRole("tab", { name: /^Comments \(1\)/ }).waitFor();
    // The moderator's own actions are there; the admins' data actions are not.
    await drawer.getByRole("button", { name: "Ban or suspend" }).waitFor();
    expect(await drawer.getByRole("link", { name: "Export data" }).count()).toBe(0);
    expect(await drawer.getByRole("button", { name: "Erase this person" }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("downloads the site's export from its settings, as JSON and CSV", async () => {
    const t = tag();
    const text = `Pour l'export du site (${t})`;
    await post(`Ysé ${t}`, text);
    const { page, pageErrors } = await dashboard("#/demo-journal/settings");
    const section = page.getByRole("region", { name: "Data" });
    await section.waitFor();
    const [json] = await Promise.all([
      page.waitForEvent("download"),
      section.getByRole("link", { name: "Export comments (JSON)" }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/^palabre-demo-journal-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync((await json.path())!, "utf8"));
    expect(data).toMatchObject({ format: "palabre-export", version: 1, site: { id: "demo-journal" } });
    expect(data.comments.some((c: { body: string }) => c.body === text)).toBe(true);
    const [csv] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: "Export comments (CSV)" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(readFileSync((await csv.path())!, "utf8")).toContain(text);
    await section.screenshot({ path: `${SHOTS}/erasure-settings-data.png` });
    expect(pageErrors).toEqual([]);
  });
});
