// The small base of Palabre's custom elements, shaped like Lit's ReactiveElement: declared reactive
// properties (attributes and internal state), reactive controllers, batched updates and the same
// lifecycle hooks (willUpdate, render, updated), rendered by lit-html into a shadow root.
// LitElement itself costs ~2.6 KB gzip more, a fifth of the 12 KB the first comment may need.
import { render, type TemplateResult } from "lit/html.js";

/** A constructable style sheet from CSS text (shared by every element that adopts it). */
export function sheet(text: string): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(text);
  return s;
}

/** As in Lit: `attribute` properties mirror a dash-case attribute; `state` ones are internal. */
export interface PropertyDeclaration {
  state?: boolean;
}

export type PropertyValues = Map<string, unknown>;

/** Lit's ReactiveController contract: a controller hooks into its host's lifecycle. */
export interface ReactiveController {
  hostConnected?(): void;
  hostDisconnected?(): void;
  hostUpdate?(): void;
  hostUpdated?(): void;
}

export interface ReactiveControllerHost {
  addController(controller: ReactiveController): void;
  requestUpdate(name?: string, old?: unknown): void;
  readonly updateComplete: Promise<unknown>;
}

const dash = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export abstract class PalabreElement extends HTMLElement implements ReactiveControllerHost {
  /** reactive properties: attributes unless `state: true` */
  static properties: Record<string, PropertyDeclaration> = {};
  static sheets: CSSStyleSheet[] = [];
  static get observedAttributes(): string[] {
    return Object.entries(this.properties)
      .filter(([, d]) => !d.state)
      .map(([name]) => dash(name));
  }

  readonly renderRoot: ShadowRoot = this.attachShadow({ mode: "open" });
  hasUpdated = false;
  /** resolves once the pending render (if any) is on screen */
  updateComplete: Promise<unknown> = Promise.resolve();
  private values = new Map<string, unknown>();
  private changed: PropertyValues = new Map();
  private queued = false;
  private controllers = new Set<ReactiveController>();

  addController(controller: ReactiveController): void {
    this.controllers.add(controller);
    if (this.isConnected) controller.hostConnected?.();
  }

  connectedCallback(): void {
    this.renderRoot.adoptedStyleSheets = [...(this.constructor as typeof PalabreElement).sheets];
    for (const c of this.controllers) c.hostConnected?.();
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old !== value)
      this.requestUpdate(
        name.replace(/-(.)/g, (_, c: string) => c.toUpperCase()),
        old ?? undefined,
      );
  }

  /** Renders again in a microtask; `name` is a property that changed (seen by willUpdate and updated). */
  requestUpdate(name?: string, old?: unknown): void {
    if (name && !this.changed.has(name)) this.changed.set(name, old);
    if (this.queued) return;
    this.queued = true;
    this.updateComplete = Promise.resolve().then(() => {
      // As in Lit, properties set in willUpdate join this update rather than queue another.
      this.willUpdate(this.changed);
      const changed = this.changed;
      this.changed = new Map();
      this.queued = false;
      for (const c of this.controllers) c.hostUpdate?.();
      render(this.render(), this.renderRoot, { host: this });
      this.hasUpdated = true;
      for (const c of this.controllers) c.hostUpdated?.();
      this.updated(changed);
    });
  }

  protected willUpdate(_changed: PropertyValues): void {}
  protected updated(_changed: PropertyValues): void {}
  abstract render(): TemplateResult;

  /** Defines the element once, with an accessor for each declared property. */
  static define(tag: string): void {
    for (const [name, decl] of Object.entries(this.properties)) {
      const attr = dash(name);
      Object.defineProperty(this.prototype, name, {
        get(this: PalabreElement) {
          return decl.state ? this.values.get(name) : (this.getAttribute(attr) ?? undefined);
        },
        set(this: PalabreElement, v: unknown) {
          if (!decl.state) {
            if (v == null) this.removeAttribute(attr);
            else this.setAttribute(attr, String(v));
            return;
          }
          const old = this.values.get(name);
          if (old === v) return;
          this.values.set(name, v);
          this.requestUpdate(name, old);
        },
      });
    }
    if (!customElements.get(tag)) customElements.define(tag, this as unknown as CustomElementConstructor);
  }
}
