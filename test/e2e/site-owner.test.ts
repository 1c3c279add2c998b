// The site owner's path (issue 12, point 1), in Chromium against `wrangler dev`: the demo admin (an
// owner) creates a site through the dashboard's form, invites a moderator from its Team screen; the
// site's Outbox lists the invitation with the link's secret hidden, so the link is read from the
// mail as sent (the outbox table: the invitee's mailbox). Opened with no session, it shows the
// invitation page; the moderator chooses a name and password, is signed in, and sees that site
// only (no Team link, another site's address leads home, the API lists one site). The link is then
// refused, in words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { announced } from "./dashboard-support";
import { API_ORIGIN, DEMO_ORIGIN, d1Execute, launchBrowser, seriousViolations, until } from "./support";

const ADMIN = `${API_ORIGIN}/admin/`;
const SHOTS = "test-results/site-owner";
const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const SITE_ID = `gazette-${suffix}`;
const SITE_NAME = `La Gazette ${suffix}`;
/** A mid-tone green, the hardest case for the text on the header's badge (axe checks its contrast). */
const SITE_COLOR = { hex: "#2b8a3e", rgb: "rgb(43, 138, 62)" };
const MODERATOR_EMAIL = `moderator-${suffix}@palabre.test`;
const MODERATOR_NAME = "Maëlle Test";
const MODERATOR_PASSWORD = "une phrase de passe solide";

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh browser context (no cookie, no storage): a person on their own computer. */
async function fresh(locale: string): Promise<{ page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  contexts.push(context);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return { page, pageErrors };
}

/** Full-page screenshots at 1280 and 390 px wide; nothing may scroll sideways at 390. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  // Checked at the end, so that every screen's pictures are there to look at.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 390) {
    // Name the widest culprits, to fix them without guessing.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > 391 && !el.parentElement?.closest(".table-wrap"))
        .slice(-4)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} → ${Math.round(el.getBoundingClientRect().right)}`),
    );
    sideways.push(`${name}: ${width} px (${wide.join("; ")})`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Screens that scroll sideways at 390 px. */
const sideways: string[] = [];

/** The staff API as the page's own session (same origin, its cookie): status and JSON. */
const apiFromPage = (page: Page, path: string) =>
  page.evaluate(async (p) => {
    const res = await fetch(p, { credentials: "same-origin", headers: { Accept: "application/json" } });
    return { status: res.status, data: await res.json().catch(() => null) };
  }, path);

describe("the site owner's path", () => {
  it("creates a site, invites a moderator through the outbox, who signs in and sees only that site", async () => {
    // 1. The demo admin, an owner, signs in.
    const owner = await fresh("en-US");
    const { page } = owner;
    await page.goto(ADMIN);
    await page.getByLabel("Email").fill("admin@palabre.example");
    await page.getByLabel("Password").fill("palabre-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "My sites" }).waitFor();

    // 2. Sites: their sites with their role, and an owner's creation form.
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Sites", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Sites" }).waitFor();
    const create = page.getByRole("region", { name: "Create a site" });
    await create.waitFor();
    expect((await page.locator("ul.team-sites li").allTextContents()).map((l) => l.trim())).toContain(
      "Le Quotidien (demo-journal) — Admin",
    );
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, "sites");

    await create.getByLabel("Identifier (in the embed code and URLs)").fill(SITE_ID);
    await create.getByLabel("Name", { exact: true }).fill(SITE_NAME);
    await create.getByLabel("Allowed origins (one per line)").fill(DEMO_ORIGIN);
    await create.getByLabel("Language of the comments").selectOption("en");
    await create.getByLabel("Colour in the dashboard").fill(SITE_COLOR.hex);
    await create.getByRole("button", { name: "Create the site" }).click();
    await announced(page, `${SITE_NAME} is created; you are its admin.`);
    await page.locator("ul.team-sites li", { hasText: `${SITE_NAME} (${SITE_ID}) — Admin` }).waitFor();
    // The form is emptied for the next one.
    expect(await create.getByLabel("Identifier (in the embed code and URLs)").inputValue()).toBe("");

    // 3. The new site is in the header's switcher; choosing it opens its queues, in its colour.
    const switcher = page.getByLabel("Site", { exact: true });
    await switcher.locator(`option[value="${SITE_ID}"]`).waitFor({ state: "attached" });
    await switcher.selectOption(SITE_ID);
    await page.getByRole("heading", { level: 1, name: `Moderation — ${SITE_NAME}` }).waitFor();
    const badge = page.locator("header .site-badge");
    expect(await badge.locator(".site-name").textContent()).toBe(SITE_NAME);
    expect(await badge.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(SITE_COLOR.rgb);

    // 4. Its Team screen: the owner is its admin; a moderator is invited by email.
    const sections = page.getByRole("navigation", { name: "Sections" });
    await sections.getByRole("link", { name: "Team", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Team" }).waitFor();
    const members = page.locator("table.team-members tbody tr");
    await members.first().waitFor();
    expect(await members.count()).toBe(1);
    expect(await members.first().locator("th").textContent()).toContain("(you)");
    const inviteForm = page.locator("form.team-invite");
    await inviteForm.getByLabel("Email").fill(MODERATOR_EMAIL);
    expect(await inviteForm.getByLabel("Role").inputValue()).toBe("moderator");
    await inviteForm.getByRole("button", { name: "Send the invitation" }).click();
    await announced(page, `Invitation sent to ${MODERATOR_EMAIL}.`);
    await page.locator("ul.team-invitations li", { hasText: `${MODERATOR_EMAIL} — Moderator` }).waitFor();
    expect(await inviteForm.getByLabel("Email").inputValue()).toBe("");
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, "team");

    // 5. The site's Outbox lists the invitation mail; staff see its link without the secret, and
    // no link to follow (accepting would set the invitee's password).
    await sections.getByRole("link", { name: "Outbox", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Outbox — ${SITE_NAME}` }).waitFor();
    const mail = page.locator("li.delivery", { hasText: `Invitation to moderate ${SITE_NAME}` });
    await mail.waitFor();
    expect(await mail.locator(".badge").first().textContent()).toBe("Mail");
    expect(await mail.locator(".badge").allTextContents()).toContain("Staff invitation");
    expect(await mail.locator(".delivery-to").textContent()).toBe(MODERATOR_EMAIL);
    await mail.getByText("Show the content").click();
    const shown = mail.locator(".outbox-body");
    await shown.waitFor();
    expect(await shown.textContent()).toContain(`${API_ORIGIN}/admin/#/invitation/[…]`);
    expect(await shown.textContent()).not.toMatch(/#\/invitation\/[A-Za-z0-9_-]{43}/);
    expect(await mail.locator("a").count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/outbox-invitation-1280.png`, fullPage: true });

    // The invitee's mailbox has the whole link: the mail as sent, from the outbox table.
    const rows = d1Execute(`SELECT body, site_id FROM outbox WHERE topic = 'invitation' AND recipient = '${MODERATOR_EMAIL}'`) as [
      { results: { body: string; site_id: string }[] },
    ];
    expect(rows[0].results.length).toBe(1);
    expect(rows[0].results[0]!.site_id).toBe(SITE_ID);
    const link = /http:\/\/localhost:8787\/admin\/#\/invitation\/[A-Za-z0-9_-]{43}/.exec(rows[0].results[0]!.body)?.[0];
    expect(link).toBeTruthy();

    // 6. The moderator opens it on their own computer (no session): the invitation page, in French.
    const invitee = await fresh("fr-FR");
    const mod = invitee.page;
    await mod.goto(link!);
    await mod.getByRole("heading", { level: 1, name: "Rejoindre l’équipe" }).waitFor();
    await mod.getByText(`Vous êtes invité·e dans l’équipe de ${SITE_NAME} (rôle : Modération).`, { exact: true }).waitFor();
    await mod.getByText(MODERATOR_EMAIL, { exact: true }).waitFor();
    expect(await seriousViolations(mod)).toEqual([]);
    await shoot(mod, "invitation");

    // Two different passwords are caught before anything is sent.
    await mod.getByLabel("Votre nom (affiché sur vos réponses)").fill(MODERATOR_NAME);
    await mod.getByLabel("Choisissez un mot de passe (10 caractères au moins)").fill(MODERATOR_PASSWORD);
    await mod.getByLabel("Le même mot de passe, à nouveau").fill(`${MODERATOR_PASSWORD}!`);
    await mod.getByRole("button", { name: "Rejoindre" }).click();
    await mod.getByRole("alert").filter({ hasText: "Les deux mots de passe diffèrent." }).waitFor();
    await mod.getByLabel("Le même mot de passe, à nouveau").fill(MODERATOR_PASSWORD);
    await mod.getByRole("button", { name: "Rejoindre" }).click();

    // 7. Signed in, on their home: one site, theirs; the spent token left the address bar.
    await mod.getByRole("heading", { level: 1, name: "Mes sites" }).waitFor();
    expect(await mod.evaluate(() => location.hash)).toBe("#/");
    expect(await mod.locator("header .who").textContent()).toBe(`Connecté·e : ${MODERATOR_NAME}`);
    const cards = mod.locator("li.site-card");
    await cards.first().waitFor();
    expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute("data-site")))).toEqual([SITE_ID]);
    // One site: no switcher to another.
    expect(await mod.locator("#site-switcher").count()).toBe(0);
    expect(await seriousViolations(mod)).toEqual([]);
    await shoot(mod, "moderator-home");

    // Their site's queues, with no Team link (moderators do not manage the team).
    await cards.first().locator("a.site-open").click();
    await mod.getByRole("heading", { level: 1, name: new RegExp(`— ${SITE_NAME}$`) }).waitFor();
    expect(await mod.locator("header .site-badge .site-name").textContent()).toBe(SITE_NAME);
    const modSections = mod.getByRole("navigation", { name: "Sections" });
    expect(await modSections.getByRole("link").allTextContents()).not.toContain("Équipe");
    expect(await modSections.getByRole("link", { name: "Équipe" }).count()).toBe(0);

    // The team's address typed by hand: said to be the admins', with no form that would be refused.
    await mod.evaluate((site) => (location.hash = `#/${site}/team`), SITE_ID);
    await mod.getByText("L’équipe d’un site est gérée par ses admins.", { exact: false }).waitFor();
    expect(await mod.locator("main form").count()).toBe(0);

    // Another site's address (the demo journal's queue) leads back home, showing none of it.
    await mod.evaluate(() => (location.hash = "#/demo-journal/queues/pending"));
    expect(await until(() => mod.evaluate(() => location.hash), "#/")).toBe("#/");
    await mod.getByRole("heading", { level: 1, name: "Mes sites" }).waitFor();
    expect(await mod.locator("header .site-badge").count()).toBe(0);
    expect(await mod.getByText("Le Quotidien").count()).toBe(0);
    // Loaded afresh at that address, the same.
    await mod.goto(`${ADMIN}#/demo-journal/queues/pending`);
    await mod.getByRole("heading", { level: 1, name: "Mes sites" }).waitFor();
    expect(await mod.evaluate(() => location.hash)).toBe("#/");
    expect(await mod.getByText("Le Quotidien").count()).toBe(0);

    // The API agrees: one site, as moderator, no owner; the demo journal's queue is refused.
    const mine = await apiFromPage(mod, "/api/admin/sites");
    expect(mine.status).toBe(200);
    expect(mine.data.owner).toBe(false);
    expect(mine.data.sites.map((s: { id: string; role: string }) => [s.id, s.role])).toEqual([[SITE_ID, "moderator"]]);
    const journal = await apiFromPage(mod, "/api/admin/sites/demo-journal/queues/pending");
    expect(journal.status).toBe(403);
    const team = await apiFromPage(mod, `/api/admin/sites/${SITE_ID}/team`);
    expect(team.status).toBe(403);

    // 8. The owner's Team screen now lists them as moderator, and no pending invitation.
    await page.goto(`${ADMIN}#/${SITE_ID}/team`);
    await page.locator("table.team-members tbody tr", { hasText: MODERATOR_NAME }).waitFor();
    expect(await page.getByLabel(`Role — ${MODERATOR_NAME}`).inputValue()).toBe("moderator");
    await page.getByText("No pending invitation.").waitFor();

    // 9. The link used again, on another computer: refused, in words, with no form to fill.
    const again = await fresh("fr-FR");
    await again.page.goto(link!);
    await again.page
      .getByRole("alert")
      .filter({ hasText: "Cette invitation a déjà servi : connectez-vous, ou demandez-en une nouvelle." })
      .waitFor();
    expect(await again.page.locator("input[type=password]").count()).toBe(0);
    await again.page.screenshot({ path: `${SHOTS}/invitation-used-1280.png`, fullPage: true });
    // It points to the sign-in, where the moderator's new password works.
    await again.page.getByRole("link", { name: "Aller à la page de connexion" }).click();
    await again.page.getByLabel("Adresse e-mail").fill(MODERATOR_EMAIL);
    await again.page.getByLabel("Mot de passe", { exact: true }).fill(MODERATOR_PASSWORD);
    await again.page.getByRole("button", { name: "Se connecter" }).click();
    await again.page.locator("li.site-card", { hasText: SITE_NAME }).waitFor();

    expect(sideways).toEqual([]);
    expect([...owner.pageErrors, ...invitee.pageErrors, ...again.pageErrors]).toEqual([]);
  });
});
