// XSS: ~300 payloads (test/data/xss-payloads.txt) stored as comment bodies, authors' names, editor's
// notes, a story's title, ban reasons, notes on a person, the charter, reply templates and the
// site's name, then rendered in Chromium by the widget (demo journal page), <palabre-featured> (demo
// home page) and the dashboard (queues, person view, audit, templates, settings). A trap on
// alert/confirm/prompt/print and a DOM check (light and shadow DOM): nothing runs, nothing injected.
// Everything posted is removed and every setting put back afterwards: other e2e files run after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { inject } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { API_ORIGIN, DEMO_ORIGIN, launchBrowser, signIn, type StaffApi } from "./support";

const SITE = "demo-journal";
const JOURNAL = `${DEMO_ORIGIN}/demo/journal/`;
const HOME = `${DEMO_ORIGIN}/demo/journal/accueil/`;
const ADMIN = `${API_ORIGIN}/admin/`;
const STORY_KEY = "xss-suite";
/** Row ids far above the demo's, so that everything this file adds is removed by range. */
const BASE_ID = 9_000_000;

const PAYLOADS = readFileSync("test/data/xss-payloads.txt", "utf8")
  .split("\n")
  .filter((line) => line !== "" && !line.startsWith("## "));
const N = PAYLOADS.length;
/** a name is one line of at most 60 code points */
const asName = (p: string) =>
  Array.from(p.replace(/[\t\n\r]/g, " "))
    .slice(0, 60)
    .join("")
    .trim() || "x";
const sql = (s: string) => `'${s.replace(/'/g, "''")}'`;

let browser: Browser;
let admin: StaffApi;
let settingsBefore: any;
let auditBefore = 0;
const templateIds: number[] = [];

/** Runs SQL from a file on the local D1 that wrangler dev serves (long statements do not fit a command line). */
function d1File(statements: string): any {
  const dir = mkdtempSync(join(tmpdir(), "palabre-xss-"));
  const file = join(dir, "x.sql");
  writeFileSync(file, statements);
  try {
    const run = spawnSync(
      join("node_modules", ".bin", "wrangler"),
      ["d1", "execute", "palabre", "--local", "--persist-to", inject("e2eState"), "--json", "--file", file],
      {
        encoding: "utf8",
        env: { ...process.env, CI: "true" },
      },
    );
    if (run.status !== 0) throw new Error(`wrangler d1 execute failed:\n${run.stdout}\n${run.stderr}`);
    return JSON.parse(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TRAP = () => {
  const w = window as any;
  w.__xss = [] as string[];
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    w[name] = (...args: unknown[]) => {
      w.__xss.push(`${name}(${args.map(String).join(",")})`);
      return name === "confirm" ? false : null;
    };
  }
  // A payload that sets these would also have run. The demo pages name their story by URL: point
  // the widget at this file's story instead, and show 50 picks on the home page, as the elements
  // are parsed (before embed.js, a module, defines them).
  new MutationObserver(() => {
    if (document.documentElement?.dataset.xss || document.title === "pwned") w.__xss.push("DOM write");
    for (const el of Array.from(document.querySelectorAll("palabre-comments:not([story])"))) el.setAttribute("story", "xss-suite");
    for (const el of Array.from(document.querySelectorAll("palabre-featured[limit='5']"))) el.setAttribute("limit", "50");
  }).observe(document, { attributes: true, childList: true, subtree: true });
};

/** What a payload would leave in the DOM, light and shadow: the list of findings (empty: clean). */
const DOM_CHECK = () => {
  const findings: string[] = [];
  const FORBIDDEN = new Set([
    "IFRAME",
    "OBJECT",
    "EMBED",
    "FRAME",
    "FRAMESET",
    "APPLET",
    "PORTAL",
    "MATH",
    "MARQUEE",
    "VIDEO",
    "AUDIO",
    "BGSOUND",
    "LAYER",
    "KEYGEN",
    "ISINDEX",
    "XSS",
    "IMAGE",
    "PLAINTEXT",
    "LISTING",
    "XMP",
    "NOEMBED",
    "NOFRAMES",
    "CUSTOM-ELEMENT",
    "BASE",
    "META",
    "ANIMATE",
    "SET",
    "FOREIGNOBJECT",
    "HANDLER",
    "DISCARD",
    "FEIMAGE",
    "DIALOG",
    "DETAILS",
    "PICTURE",
    "PARAM",
  ]);
  // The dashboard's own folds and modals (a payload that copied these classes would still be caught
  // by its attributes: that is what a <details ontoggle> or a <dialog open onclose> needs to run).
  const APP_UI = "details.reports, details.delivery-body, .alerts-panel > details, dialog.dialog, dialog.drawer";
  const BAD_URL = /^\s*(javascript|vbscript|data):/i;
  const visit = (root: Document | ShadowRoot, where: string) => {
    for (const el of Array.from(root.querySelectorAll("*"))) {
      // The page's own head (its favicon, its module script) is not rendered content.
      if (where === "document" && el.closest("head")) continue;
      const tag = el.tagName.toUpperCase();
      const at = `${where} <${el.tagName.toLowerCase()}>`;
      if (FORBIDDEN.has(tag) && !(where === "document" && el.matches(APP_UI))) findings.push(`${at} element`);
      if (tag === "SCRIPT" && !(el as HTMLScriptElement).src) findings.push(`${at} inline script`);
      if (tag === "SCRIPT" && /evil/.test((el as HTMLScriptElement).src)) findings.push(`${at} foreign script`);
      if (tag === "IMG" && !/^https?:\/\/(localhost|127\.0\.0\.1)(:|\/)/.test((el as HTMLImageElement).src))
        findings.push(`${at} img ${el.getAttribute("src")}`);
      if (tag === "STYLE" && where !== "document" && /javascript|expression|url\(/i.test(el.textContent ?? ""))
        findings.push(`${at} injected style`);
      if (tag === "SVG" && el.querySelector("script,a,image,use,animate,set,foreignObject")) findings.push(`${at} svg with content`);
      if (tag === "PALABRE-COMMENTS" && where !== "document") findings.push(`${at} nested widget`);
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith("on")) findings.push(`${at} ${name}=`);
        if (
          ["href", "src", "action", "formaction", "xlink:href", "data", "background", "cite", "srcdoc", "poster"].includes(name) &&
          BAD_URL.test(attr.value)
        ) {
          findings.push(`${at} ${name}=${attr.value.slice(0, 40)}`);
        }
        if (
          name === "srcdoc" ||
          name === "shadowrootmode" ||
          name === "autofocus" ||
          name === "contenteditable" ||
          name === "ping" ||
          name === "formaction"
        ) {
          findings.push(`${at} ${name}`);
        }
      }
      if (el.shadowRoot) visit(el.shadowRoot, `${where} > ${el.tagName.toLowerCase()}`);
    }
  };
  visit(document, "document");
  const w = window as any;
  return { findings, fired: w.__xss as string[], title: document.title };
};

async function open(url: string, locale = "fr-FR"): Promise<{ context: BrowserContext; page: Page; dialogs: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, locale });
  await context.addInitScript(TRAP);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url().includes("/api/")) errors.push(`${r.status()} ${r.url()}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { context, page, dialogs, errors };
}

async function expectClean(page: Page, dialogs: string[], what: string): Promise<void> {
  await page.waitForTimeout(300); // let onerror/onload handlers of anything injected fire
  const { findings, fired, title } = await page.evaluate(DOM_CHECK);
  expect(dialogs, `${what}: dialogs`).toEqual([]);
  expect(fired, `${what}: trapped calls`).toEqual([]);
  expect(findings, `${what}: injected markup`).toEqual([]);
  expect(title, what).not.toBe("pwned");
}

/** The visible text of the page, shadow roots included. */
const deepText = (page: Page) =>
  page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is wanted; textContent would add script and style contents, false findings here
      parts.push((root as Document).body?.innerText ?? (root as ShadowRoot).textContent ?? "");
      for (const el of Array.from(root.querySelectorAll("*"))) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return parts.join("\n");
  });

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signIn();
  const read = await admin("GET", `/${SITE}/settings`);
  expect(read.status).toBe(200);
  settingsBefore = read.data;
  const [{ results }] = d1File("SELECT coalesce(max(id), 0) AS n FROM audit_log;");
  auditBefore = results[0].n;

  // One story whose title is a payload, one comment per payload: its body the payload, its author's
  // name another, its editor's note a third; all published and featured.
  const now = Date.now();
  const rows: string[] = [
    `INSERT INTO stories (id, site_id, key, url, title, comment_count, created_at, updated_at) VALUES (${BASE_ID}, '${SITE}', '${STORY_KEY}', ${sql(JOURNAL)}, ${sql(PAYLOADS[0]!)}, ${N}, ${now}, ${now});`,
  ];
  PAYLOADS.forEach((p, i) => {
    const id = BASE_ID + 1 + i;
    rows.push(
      `INSERT INTO commenters (id, site_id, name, comment_count, created_at) VALUES (${id}, '${SITE}', ${sql(asName(PAYLOADS[(i + 100) % N]!))}, 1, ${now});`,
      `INSERT INTO comments (id, site_id, story_id, author_id, body, status, created_at, updated_at, featured_at, featured_note)
       VALUES (${id}, '${SITE}', ${BASE_ID}, ${id}, ${sql(p)}, 'published', ${now - N + i}, ${now - N + i}, ${now - N + i}, ${sql(PAYLOADS[(i + 200) % N]!.slice(0, 280))});`,
    );
  });
  d1File(rows.join("\n"));
}, 120_000);

afterAll(async () => {
  try {
    for (const id of templateIds) await admin("DELETE", `/${SITE}/reply-templates/${id}`);
    if (settingsBefore) {
      await admin("PUT", `/${SITE}/settings`, {
        name: settingsBefore.site.name,
        allowedOrigins: settingsBefore.site.allowedOrigins,
        settings: settingsBefore.settings,
      });
    }
    d1File(
      [
        `DELETE FROM reactions WHERE comment_id > ${BASE_ID};`,
        `DELETE FROM reports WHERE comment_id > ${BASE_ID};`,
        `DELETE FROM commenter_notes WHERE commenter_id > ${BASE_ID};`,
        `DELETE FROM reader_bans WHERE commenter_id > ${BASE_ID};`,
        `DELETE FROM audit_log WHERE id > ${auditBefore};`,
        `DELETE FROM comments WHERE id > ${BASE_ID};`,
        `DELETE FROM commenters WHERE id > ${BASE_ID};`,
        `DELETE FROM stories WHERE id = ${BASE_ID};`,
      ].join("\n"),
    );
  } finally {
    await browser?.close();
  }
}, 120_000);

describe(`${N} XSS payloads`, () => {
  it("the data file holds at least 300 payloads", () => {
    expect(N).toBeGreaterThanOrEqual(300);
    expect(new Set(PAYLOADS).size).toBe(N);
  });

  it("the reader API serves them as data", async () => {
    for (const path of [`/thread?story=${STORY_KEY}&limit=100`, "/featured?limit=50"]) {
      // wrangler dev reloads the Worker when a source changes, closing the connection: try again once.
      const get = () => fetch(`${API_ORIGIN}/api/v1/${SITE}${path}`, { headers: { Origin: DEMO_ORIGIN } });
      const res = await get().catch(async () => {
        await new Promise((r) => setTimeout(r, 1000));
        return get();
      });
      expect(res.status, `${path}: ${(await res.clone().text()).slice(0, 500)}`).toBe(200);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    }
  });

  it("as bodies, names, editor's notes and the story's title in the widget: shown as text, nothing runs or is injected", async () => {
    const { context, page, dialogs, errors } = await open(JOURNAL);
    const more = page.getByRole("button", { name: "Charger plus de commentaires" });
    await page
      .locator("palabre-comments")
      .locator("li.comment")
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\n${errors.join("\n")}\n${(await deepText(page)).slice(0, 800)}`);
      });
    for (let i = 0; i < 40 && (await more.count()); i++) {
      const shown = await page.locator("palabre-comments").locator("ul.thread > li.comment").count();
      await more.click();
      await page.waitForFunction(
        (n) => (document.querySelector("palabre-comments")?.shadowRoot?.querySelectorAll("ul.thread > li.comment").length ?? 0) > n,
        shown,
        { timeout: 10_000 },
      );
    }
    expect(await page.locator("palabre-comments").locator("ul.thread > li.comment").count()).toBe(N);
    const text = await deepText(page);
    // The payloads read as typed (their text, not their effect): a sample of each kind.
    for (const p of [
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "<svg onload=alert(1)>",
      "[click](javascript:alert(1))",
    ]) {
      expect(text, p).toContain(p);
    }
    await expectClean(page, dialogs, "widget");
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("in <palabre-featured> on the home page: bodies, names, notes and the story's title", async () => {
    const { context, page, dialogs, errors } = await open(HOME);
    await page
      .locator("palabre-featured")
      .locator("li.pick")
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\n${errors.join("\n")}\n${(await deepText(page)).slice(0, 800)}`);
      });
    expect(await page.locator("palabre-featured").locator("li.pick").count()).toBe(50);
    await expectClean(page, dialogs, "featured");
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("in the dashboard: queues, person view with notes and a ban reason, audit, templates and settings", async () => {
    // Staff text: a ban and notes on one author, reply templates, the charter, word lists and the site's name.
    const person = BASE_ID + 1;
    for (const p of PAYLOADS.slice(0, 5)) {
      expect((await admin("POST", `/${SITE}/commenters/${person}/notes`, { body: p })).status).toBe(201);
    }
    const ban = await admin("POST", `/${SITE}/commenters/${person}/ban`, { duration: { hours: 1 }, reason: asName(PAYLOADS[1]!) });
    expect([200, 201]).toContain(ban.status);
    for (const [i, p] of PAYLOADS.slice(10, 15).entries()) {
      const res = await admin("POST", `/${SITE}/reply-templates`, { title: asName(p), body: PAYLOADS[20 + i]! });
      expect(res.status, JSON.stringify(res.data)).toBe(201);
      templateIds.push(res.data.template?.id ?? res.data.id);
    }
    const charter = PAYLOADS.join("\n").slice(0, 4900);
    const put = await admin("PUT", `/${SITE}/settings`, {
      name: asName(PAYLOADS[2]!),
      allowedOrigins: settingsBefore.site.allowedOrigins,
      settings: { ...settingsBefore.settings, charter, suspectWords: PAYLOADS.slice(30, 40).map(asName) },
    });
    expect(put.status, JSON.stringify(put.data)).toBe(200);

    const { context, page, dialogs, errors } = await open(`${ADMIN}#/${SITE}/queues/recent`, "en-US");
    // Signed out: sign in through the form, as staff do.
    await page.locator("article.item, input[type=email]").first().waitFor({ timeout: 20_000 });
    const email = page.locator("input[type=email]");
    if (await email.count()) {
      await email.fill("admin@palabre.example");
      await page.locator("input[type=password]").fill("palabre-demo-2026");
      await page.getByRole("button", { name: /sign in/i }).click();
    }
    await page
      .locator("article.item")
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\n${errors.join("\n")}\n${(await deepText(page)).slice(0, 800)}`);
      });
    await expectClean(page, dialogs, "dashboard: recent queue");
    for (const queue of ["featured", "pending", "reported"]) {
      await page.goto(`${ADMIN}#/${SITE}/queues/${queue}`);
      await page.waitForLoadState("networkidle");
      await expectClean(page, dialogs, `dashboard: ${queue} queue`);
    }
    await page.goto(`${ADMIN}#/${SITE}/queues/recent`);
    await page.locator("article.item").first().waitFor();
    const author = page.locator("button.author-link", { hasText: asName(PAYLOADS[100 % N]!).slice(0, 20) }).first();
    if (await author.count()) {
      await author.click();
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(500);
      await expectClean(page, dialogs, "dashboard: person view");
    }
    for (const view of ["templates", "stats", "settings"]) {
      await page.goto(`${ADMIN}#/${SITE}/${view}`);
      await page.waitForLoadState("networkidle");
      await expectClean(page, dialogs, `dashboard: ${view}`);
    }
    // The charter is shown as a field's value, as typed.
    await page.locator("textarea").first().waitFor();
    const fields = await page.locator("textarea").evaluateAll((list) => list.map((t) => (t as HTMLTextAreaElement).value).join("\n"));
    expect(fields).toContain(PAYLOADS[0]);
    // The audit log reads as text too.
    await page.goto(`${ADMIN}#/${SITE}/audit`);
    await page.waitForLoadState("networkidle");
    // The site's name, a payload, reads as text in the header.
    expect(await deepText(page)).toContain(asName(PAYLOADS[2]!));
    await expectClean(page, dialogs, "dashboard: audit");
    // The dashboard asks for its session first: signed out, that is a 401, as it should be.
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
    await context.close();
  }, 90_000);
});
