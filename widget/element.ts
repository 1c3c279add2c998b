// The small base of Palabre's custom elements: Lit's templates (lit-html) rendered into a shadow root,
// attributes as properties, batched updates. LitElement's reactive machinery would cost ~2.7 KB gzip
// of the embed's 20 KB budget for features these elements do not use.
import { render, type TemplateResult } from "lit/html.js";

/** A constructable style sheet from CSS text (shared by every element that adopts it). */
export function sheet(text: string): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(text);
  return s;
}

export abstract class PalabreElement extends HTMLElement {
  /** attribute names (dash-case); each is also a string property (camelCase) */
  static attrs: string[] = [];
  static sheets: CSSStyleSheet[] = [];
  static get observedAttributes(): string[] {
    return this.attrs;
  }

  readonly renderRoot: ShadowRoot = this.attachShadow({ mode: "open" });
  hasUpdated = false;
  /** resolves once the pending render (if any) is on screen */
  updateComplete: Promise<unknown> = Promise.resolve();
  private changed = new Set<string>();
  private queued = false;

  connectedCallback(): void {
    this.renderRoot.adoptedStyleSheets = (this.constructor as typeof PalabreElement).sheets;
    this.requestUpdate();
  }

  disconnectedCallback(): void {}

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old !== value) this.requestUpdate(name);
  }

  /** Renders again in a microtask; `name` is an attribute that changed (seen by willUpdate). */
  requestUpdate(name?: string): void {
    if (name) this.changed.add(name);
    if (this.queued) return;
    this.queued = true;
    this.updateComplete = Promise.resolve().then(() => {
      this.queued = false;
      const changed = this.changed;
      this.changed = new Set();
      this.willUpdate(changed);
      render(this.render(), this.renderRoot, { host: this });
      this.hasUpdated = true;
    });
  }

  protected willUpdate(_changed: Set<string>): void {}
  abstract render(): TemplateResult;

  /** Defines the element once, with a property for each attribute. */
  static define(tag: string): void {
    for (const name of this.attrs) {
      Object.defineProperty(this.prototype, name.replace(/-(.)/g, (_, c: string) => c.toUpperCase()), {
        get(this: HTMLElement) {
          return this.getAttribute(name) ?? undefined;
        },
        set(this: HTMLElement, v: string | null | undefined) {
          if (v == null) this.removeAttribute(name);
          else this.setAttribute(name, v);
        },
      });
    }
    if (!customElements.get(tag)) customElements.define(tag, this as unknown as CustomElementConstructor);
  }
}
