// The reader's own data (GDPR Art. 15, 17, 20), a chunk of its own loaded when they open "My data"
// beside their identity (viewer.ts, in the forms' chunk): a copy of everything the site holds on
// them (GET …/me/export, saved as a file), and its erasure (DELETE …/me) after a step that says
// what goes and what stays. Both with the reader's own token, the only proof of who they are the
// widget has. Its strings are its own (both languages: only the readers who open it load them).
import { html, nothing } from "lit/html.js";
import * as calls from "../api-calls";
import { errorMessage } from "../errors";
import { enMyData } from "../locales/en-my-data";
import { frMyData } from "../locales/fr-my-data";
import { readerStore } from "../storage";
import type { FormsController } from "./forms";

export class MyData {
  open = false;
  confirming = false;
  /** the last outcome, in the panel's live region */
  said = "";
  private busy = false;

  constructor(readonly f: FormsController) {}

  set(patch: Partial<Pick<MyData, "open" | "confirming" | "said">>): void {
    Object.assign(this, patch);
    this.f.host.requestUpdate();
  }

  /** Runs one request at a time; a refusal is said in the reader's words and ends the confirmation. */
  private async run(action: () => Promise<unknown>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.set({ said: "" });
    try {
      await action();
    } catch (err) {
      // Only a signed-in reader can still be refused as unknown (a guest's stale token is dropped
      // and the request asked again without it): one the site has no row for yet.
      this.set({ said: (err as { code?: string }).code === "invalid_token" ? this.w.none : errorMessage(this.f.t, err) });
      if (this.confirming) await this.ask(false);
    }
    this.busy = false;
  }

  get w() {
    return this.f.t.lang === "fr" ? frMyData : enMyData;
  }

  download = () =>
    this.run(async () => {
      const data = await calls.myData(this.f.host.client!);
      const file = `palabre-${this.f.host.site}-my-data.json`;
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      a.download = file;
      a.click();
      // The browser reads the Blob once the download has started, not at once: freed later.
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      this.set({ said: this.w.saved(file) });
    });

  /**
   * Opens the confirmation (focus on its safe choice; an earlier outcome, such as the download's,
   * is cleared so as not to read as the erasure's) or closes it (focus back on "Erase my data").
   */
  async ask(on: boolean): Promise<void> {
    this.set(on ? { confirming: on, said: "" } : { confirming: on });
    await this.f.host.focusAfter(on ? "#palabre-erase-no" : "#palabre-erase");
  }

  erase = () =>
    this.run(async () => {
      const { host } = this.f;
      const answer = await calls.eraseMe(host.client!);
      // An email is known: nothing is erased until the reader follows the mailed link; the token stays.
      if (answer.status !== "erased") return (this.set({ said: this.w.checkMail(answer.to) }), this.ask(false));
      // The token now stands for no one: this browser forgets it and the name, and shows the
      // thread as a new reader sees it (the comments gone, or left as placeholders).
      readerStore.saveToken(host.site!, null);
      readerStore.saveName(host.site!, "");
      host.name = "";
      host.thread.set({ mine: new Set(), held: new Map() });
      this.f.reset(true);
      this.set({ open: false, confirming: false });
      await host.load();
      host.status = this.w.erased;
      await host.focusAfter("#palabre-heading");
    });

  render() {
    if (!this.open) return nothing;
    const w = this.w;
    return html`<div class="my-data" part="my-data" role="group" aria-labelledby="palabre-my-data-toggle">
      <div class="actions">
        <button part="button" @click=${this.download}>${w.download}</button>
        <button id="palabre-erase" part="button" aria-expanded=${this.confirming} @click=${() => this.ask(!this.confirming)}>${w.erase}</button>
      </div>
      ${
        this.confirming
          ? html`<div
            class="confirm"
            role="group"
            aria-labelledby="palabre-erase-ask"
            aria-describedby="palabre-erase-what"
            @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.ask(false)}
          >
            <p id="palabre-erase-ask"><strong>${w.ask}</strong></p>
            <p id="palabre-erase-what">${w.what}</p>
            <div class="actions">
              <button id="palabre-erase-no" part="button" @click=${() => this.ask(false)}>${this.f.t.cancel}</button>
              <button class="primary danger" part="button button-primary" @click=${this.erase}>${w.yes}</button>
            </div>
          </div>`
          : nothing
      }
      <p class="said" role="status">${this.said}</p>
    </div>`;
  }
}

/** "My data": opens the panel, or closes it. */
export function toggle(f: FormsController): void {
  const d = (f.myData ??= new MyData(f));
  d.set({ open: !d.open, confirming: false, said: "" });
}
