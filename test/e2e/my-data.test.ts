// A reader's own data from the widget (issue 12, point 4), in Chromium against `wrangler dev`: on
// the journal demo a guest posts, opens "Mes données", downloads their data (the JSON holds their
// comment) and erases it (a guest with no email: at once); the thread no longer shows the comment,
// the browser forgets the identity, and the next post starts a new one. The erasure's mail step
// (202) is told and keeps the token. Keyboard focus, axe on the open confirmation, and screenshots
// (1280 and 390 px, light and dark; nothing scrolls sideways at 320 px) in test-results/my-data/.
// On the band demo, a signed-in reader finds it beside their name: nothing held before they post,
// their comment and sign-in identity after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import {
  API_ORIGIN,
  DEMO_BAND_SSO_SECRET,
  DEMO_ORIGIN,
  composerForm,
  launchBrowser,
  liftFloodLimits,
  seriousViolations,
  signIn,
  signSsoToken,
} from "./support";

const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
const BAND = `${DEMO_ORIGIN}/demo/band/`;
const SITE = "demo-journal";
const TOKEN_KEY = `palabre:token:${SITE}`;
const SHOTS = "test-results/my-data";

let browser: Browser;
let restoreSettings: (() => Promise<void>) | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  restoreSettings = await liftFloodLimits(await signIn(), [SITE, "demo-band"]);
});

afterAll(async () => {
  await restoreSettings?.();
  await browser?.close();
});

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const heading = (page: Page) => page.getByRole("heading", { level: 2, name: /^(Commentaires|Comments) \(\d+\)$/ });
const commentWith = (page: Page, text: string) => page.locator("li.comment", { hasText: text });
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const shadowActiveId = (page: Page) =>
  page.evaluate(() => document.querySelector("palabre-comments")!.shadowRoot!.activeElement?.id ?? null);
const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

/** The reader's export through the API, as the widget asks for it: the status and the JSON. */
async function exportWith(token: string): Promise<{ status: number; data: any }> {
  const res = await fetch(`${API_ORIGIN}/api/v1/${SITE}/me/export`, { headers: { Origin: API_ORIGIN, Authorization: `Bearer ${token}` } });
  return { status: res.status, data: await res.json() };
}

async function post(page: Page, name: string, text: string): Promise<void> {
  const composer = await composerForm(page, "Écrire un commentaire");
  await composer.getByLabel("Votre nom").fill(name);
  await composer.getByRole("textbox", { name: "Votre commentaire" }).fill(text);
  await composer.getByRole("button", { name: "Publier" }).click();
  await commentWith(page, text).waitFor();
}

/** The top of the discussion (heading, "Mes données", its panel) in each scheme and width. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 390, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.locator("palabre-comments").evaluate((el) => el.scrollIntoView());
      expect(await overflow(page), `${name} ${scheme} ${width}`).toBeLessThanOrEqual(0);
      if (width !== 320) await page.screenshot({ path: `${SHOTS}/${name}-${scheme}-${width === 1280 ? "desktop" : width}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe("a guest's own data on the journal", () => {
  it("downloads it, is told of the mail step, erases it; the widget then forgets the identity", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(JOURNAL);
    await heading(page).waitFor();
    const myData = page.getByRole("button", { name: "Mes données", exact: true });

    // No token yet: nothing to show. Once the guest has posted, "Mes données" is beside the heading.
    await composerForm(page, "Écrire un commentaire");
    expect(await myData.count()).toBe(0);
    const text = unique("Mes données de lecteur dans un fichier");
    await post(page, "Lectrice RGPD", text);
    const token = await stored(page, TOKEN_KEY);
    expect(token).toBeTruthy();
    await myData.waitFor();
    expect(await myData.getAttribute("aria-expanded")).toBe("false");

    // The panel: a group named after its button, with two real buttons.
    await myData.click();
    const panel = page.getByRole("group", { name: "Mes données", exact: true });
    await panel.waitFor();
    expect(await myData.getAttribute("aria-expanded")).toBe("true");

    // The copy: a JSON file named after the site, holding the comment and the name.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByRole("button", { name: "Télécharger mes données" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`palabre-${SITE}-my-data.json`);
    const data = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(data.site.id).toBe(SITE);
    expect(data.identity.name).toBe("Lectrice RGPD");
    expect(data.comments.map((c: { body: string }) => c.body)).toContain(text);
    await panel
      .getByRole("status")
      .filter({ hasText: `Vos données sont enregistrées\u00a0: palabre-${SITE}-my-data.json` })
      .waitFor();

    // The erasure's step: focus on its safe choice; it says what goes and what stays.
    const erase = panel.getByRole("button", { name: "Effacer mes données", exact: true });
    await erase.click();
    const confirm = page.getByRole("group", { name: "Effacer vos données de ce site\u00a0?" });
    await confirm.waitFor();
    expect(await shadowActiveId(page)).toBe("palabre-erase-no");
    expect(await confirm.textContent()).toContain("«\u00a0Commentaire supprimé\u00a0»");
    expect(await erase.getAttribute("aria-expanded")).toBe("true");
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, "confirm");
    // Escape closes it and gives focus back to "Effacer mes données"; Cancel does the same.
    await page.keyboard.press("Escape");
    await confirm.waitFor({ state: "detached" });
    expect(await shadowActiveId(page)).toBe("palabre-erase");
    await erase.click();
    await page.keyboard.press("Enter"); // on "Annuler", focused
    await confirm.waitFor({ state: "detached" });
    expect(await shadowActiveId(page)).toBe("palabre-erase");

    // A reader whose email is known gets a mail first (the API's 202, played here): nothing is
    // erased, the token stays, and the reader is told where to look.
    await page.route(`${API_ORIGIN}/api/v1/${SITE}/me`, (route) =>
      route.request().method() === "DELETE"
        ? route.fulfill({
            status: 202,
            contentType: "application/json",
            headers: { "Access-Control-Allow-Origin": DEMO_ORIGIN },
            body: JSON.stringify({ status: "confirmation_sent", to: "l…@example.org" }),
          })
        : route.continue(),
    );
    await erase.click();
    await confirm.getByRole("button", { name: "Oui, effacer" }).click();
    await panel
      .getByRole("status")
      .filter({ hasText: "Consultez votre messagerie (l…@example.org)\u00a0: l’effacement attend votre confirmation." })
      .waitFor();
    expect(await confirm.count()).toBe(0);
    expect(await shadowActiveId(page)).toBe("palabre-erase");
    expect(await stored(page, TOKEN_KEY)).toBe(token);
    await shoot(page, "mail-sent");
    await page.unroute(`${API_ORIGIN}/api/v1/${SITE}/me`);

    // No email known: erased at once. The comment leaves the thread, the token and name leave the
    // browser, "Mes données" goes, focus is on the heading and the status says it.
    await erase.click();
    await confirm.getByRole("button", { name: "Oui, effacer" }).click();
    await page.locator('[part="status"]').filter({ hasText: "Vos données sont effacées." }).waitFor();
    expect(await commentWith(page, text).count()).toBe(0);
    expect(await stored(page, TOKEN_KEY)).toBeNull();
    expect(await stored(page, `palabre:name:${SITE}`)).toBeNull();
    expect(await myData.count()).toBe(0);
    expect(await shadowActiveId(page)).toBe("palabre-heading");
    expect((await exportWith(token!)).status).toBe(401);
    await shoot(page, "erased");

    // After a reload too; and the next post is a new reader, with nothing of the old one.
    await page.reload();
    await heading(page).waitFor();
    expect(await commentWith(page, text).count()).toBe(0);
    const composer = await composerForm(page, "Écrire un commentaire");
    expect(await composer.getByLabel("Votre nom").inputValue()).toBe("");
    const next = unique("Un nouveau départ");
    await post(page, "Nouvelle lectrice", next);
    const fresh = await stored(page, TOKEN_KEY);
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(token);
    const mine = await exportWith(fresh!);
    expect(mine.status).toBe(200);
    expect(mine.data.identity.name).toBe("Nouvelle lectrice");
    expect(mine.data.comments.map((c: { body: string }) => c.body)).toEqual([next]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe("a signed-in reader's own data on the band page", () => {
  it("is beside their name: nothing held before they post, their comment and identity after", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(BAND);
    await heading(page).waitFor();
    const sub = unique("fan").replace(/\W/g, "-");
    await page.evaluate((t) => (window as any).palabre.login(t), signSsoToken(DEMO_BAND_SSO_SECRET, { sub, name: "Fan RGPD" }));
    await page.getByText("Signed in as Fan RGPD").waitFor();
    const myData = page.getByRole("button", { name: "My data", exact: true });
    await myData.click();
    const panel = page.getByRole("group", { name: "My data", exact: true });
    await panel.getByRole("button", { name: "Download my data" }).click();
    await panel.getByRole("status").filter({ hasText: "This site holds no data about you yet." }).waitFor();

    const text = unique("A fan's comment, to take away");
    const composer = await composerForm(page, "Write a comment");
    await composer.getByRole("textbox", { name: "Your comment" }).fill(text);
    await composer.getByRole("button", { name: "Publish" }).click();
    await commentWith(page, text).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "Download my data" }).click()]);
    expect(download.suggestedFilename()).toBe("palabre-demo-band-my-data.json");
    const data = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect([data.identity.kind, data.identity.externalId, data.identity.name]).toEqual(["sso", sub, "Fan RGPD"]);
    expect(data.comments.map((c: { body: string }) => c.body)).toEqual([text]);
    await panel.getByRole("button", { name: "Erase my data" }).click();
    await page.getByRole("group", { name: "Erase your data from this site?" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, "band-signed-in");
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
