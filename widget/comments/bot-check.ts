// The bot check (Cloudflare Turnstile), for the sites that turn it on (the thread's site context
// gives its key): the script is loaded on first need only (a guest's composer, a report, a like or
// a notice by a reader the site does not know yet), never for a site without the check; its widget
// is rendered in the form, and each write carries a fresh token (a token serves once).
import { html, nothing, type TemplateResult } from "lit/html.js";
import { readerStore } from "../storage";
import type { FormsController } from "./forms";
import { botCheckNeeded, type Guarded } from "./bot-rule";

interface Turnstile {
  render(el: HTMLElement, options: object): string;
  reset(id: string): void;
  remove(id: string): void;
}

let script: Promise<Turnstile> | undefined;

function loadScript(): Promise<Turnstile> {
  script ??= new Promise<Turnstile>((resolve, reject) => {
    const s = document.createElement("script");
    s.src = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";
    s.onload = () => resolve((window as unknown as { turnstile: Turnstile }).turnstile);
    s.onerror = reject;
    document.head.append(s);
  });
  // Offline a moment: the next form asks again.
  script.catch(() => (script = undefined));
  return script;
}

interface Check {
  el?: HTMLElement;
  id?: string;
  token?: string;
  waiting: ((token: string) => void)[];
}

export class BotCheck {
  private checks = new Map<string, Check>();

  constructor(private readonly f: FormsController) {}

  private check(key: string): Check {
    let c = this.checks.get(key);
    if (!c) this.checks.set(key, (c = { waiting: [] }));
    return c;
  }

  /** Whether this write needs a token on this site, for this reader. */
  needed(kind: Guarded): boolean {
    const { site, viewer } = this.f.host.thread;
    return botCheckNeeded(kind, !!site?.turnstile, viewer?.kind === "sso", !!site && !!readerStore.token(site.id));
  }

  /** The widget's place in a form: nothing unless `kind` needs it. Rendering it loads the script. */
  slot(key: string, kind: Guarded): TemplateResult | typeof nothing {
    if (!this.needed(kind)) return nothing;
    void this.f.host.updateComplete.then(() => this.mount(key));
    return html`<div id="bot-${key}" class="bot-check" part="bot-check" role="group" aria-label=${this.f.t.botCheck}></div>`;
  }

  private async mount(key: string): Promise<void> {
    const host = this.f.host;
    const el = host.renderRoot.querySelector<HTMLElement>(`#bot-${key}`);
    const c = this.check(key);
    if (!el || c.el === el) return;
    c.el = el;
    try {
      const api = await loadScript();
      if (c.id) this.forget(c);
      const theme = host.getAttribute("theme");
      c.token = "";
      c.id = api.render(el, {
        sitekey: host.thread.site?.turnstile?.siteKey,
        language: this.f.t.lang,
        theme: theme === "dark" || theme === "auto" ? theme : "light",
        // Cloudflare's normal widget is 300 px wide: in a narrow column the compact one does not make the page scroll sideways.
        size: el.clientWidth < 300 ? "compact" : "flexible",
        appearance: "interaction-only",
        callback: (token: string) => this.settle(c, token),
        "expired-callback": () => (c.token = ""),
        "error-callback": () => this.settle(c, ""),
      });
    } catch {
      // No script (offline, blocked): the write goes without a token, and the server's refusal says what to do.
      c.el = undefined;
      this.settle(c, "");
    }
  }

  private settle(c: Check, token: string): void {
    c.token = token;
    for (const done of c.waiting.splice(0)) done(token);
  }

  /** Removes a widget whose form is gone (Turnstile throws for one it no longer knows). */
  private forget(c: Check): void {
    try {
      (window as unknown as { turnstile: Turnstile }).turnstile.remove(c.id!);
    } catch {
      /* already gone */
    }
  }

  /**
   * The token for a write from `key`'s widget, waiting a few seconds for one still being worked
   * out; "" when none came (a challenge the reader has not answered yet): the server then refuses
   * in words, and the next try has the answer. The token is taken: the next write needs a new one.
   */
  async token(key: string): Promise<string> {
    const c = this.check(key);
    const token =
      c.token ||
      (await new Promise<string>((resolve) => {
        c.waiting.push(resolve);
        setTimeout(resolve, 5000, "");
      }));
    c.token = "";
    return token;
  }

  /** After a write, stored or refused: the widget works out a new token for the next one (or goes with its form). */
  used(key: string): void {
    const c = this.checks.get(key);
    if (!c?.id) return;
    c.token = "";
    if (c.el?.isConnected) {
      (window as unknown as { turnstile: Turnstile }).turnstile.reset(c.id);
      return;
    }
    this.checks.delete(key);
    this.forget(c);
  }
}
