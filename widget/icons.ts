// Inline SVG icons (no icon font, no request): 20×20, stroked with the text colour; each sits
// beside a visible label, so they are hidden from assistive technologies.
import { svg, html, type TemplateResult } from "lit/html.js";

const paths = {
  like: svg`<path d="M10 16.5s-6.5-3.9-6.5-8.3A3.5 3.5 0 0 1 10 6a3.5 3.5 0 0 1 6.5 2.2c0 4.4-6.5 8.3-6.5 8.3z"/>`,
  reply: svg`<path d="M8 5 3.5 9.5 8 14"/><path d="M4 9.5h7.5a5 5 0 0 1 5 5V16"/>`,
  report: svg`<path d="M4.5 17V3.5"/><path d="M4.5 4h9l-2 3.5 2 3.5h-9"/>`,
  edit: svg`<path d="m13.5 3.5 3 3L7 16H4v-3z"/>`,
  delete: svg`<path d="M3.5 5.5h13M8 5.5V3.5h4v2M5.5 5.5l.8 11h7.4l.8-11"/>`,
  chat: svg`<path d="M3.5 4.5h13v9h-7l-4 3v-3h-2z"/>`,
  alert: svg`<circle cx="10" cy="10" r="7"/><path d="M10 6.5v4.5M10 13.5v.01"/>`,
  person: svg`<circle cx="10" cy="7" r="3.2"/><path d="M3.8 17a6.2 6.2 0 0 1 12.4 0"/>`,
  down: svg`<path d="m5.5 8 4.5 4.5L14.5 8"/>`,
} as const;

export type IconName = keyof typeof paths;

export const icon = (name: IconName): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">${paths[name]}</svg>`;
