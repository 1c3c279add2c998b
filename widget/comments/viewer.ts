// Who the reader is, above the composer (forms' chunk): a signed-in reader's name, and for anyone
// the widget holds a token for (SSO, or a guest who has written or liked), "My data", which opens
// their own data's panel (its own chunk, my-data.ts). Before the forms are here, the element shows
// the signed-in name alone.
import { html, nothing, type TemplateResult } from "lit/html.js";
import { readerStore } from "../storage";
import type { FormsController } from "./forms";

export function renderViewer(f: FormsController): TemplateResult | typeof nothing {
  const { host, t } = f;
  const viewer = host.thread.viewer;
  const sso = viewer?.kind === "sso";
  if (!sso && !readerStore.token(host.site!)) return nothing;
  return html`<p class="note viewer" part="viewer">
      ${sso ? html`<span>${t.signedInAs(viewer.name)}</span>` : nothing}
      <button id="palabre-my-data-toggle" class="tool" part="button my-data" aria-expanded=${!!f.myData?.open} @click=${() => toggleMyData(f)}>
        ${t.myData}
      </button>
    </p>
    ${f.myData?.render()}`;
}

/** Opens or closes the panel; the chunk is asked for again at the next click if it failed (offline). */
function toggleMyData(f: FormsController): void {
  f.host
    .loadMyData()
    .then((m) => m.toggle(f))
    .catch(() => (f.host.status = f.t.offline));
}
