// A comment's avatar: the picture the site's sign-in gave, else the author's initials on a colour
// derived from their name.
import { html, type TemplateResult } from "lit/html.js";
import { hueOf, initials } from "./initials";

export function avatar(name: string, picture: string | null | undefined, small = false): TemplateResult {
  const cls = small ? "avatar small" : "avatar";
  return picture
    ? html`<img class=${cls} part="avatar" src=${picture} alt="" loading="lazy" referrerpolicy="no-referrer" />`
    : html`<span class=${cls} part="avatar" aria-hidden="true" style="--_hue:${hueOf(name)}">${initials(name)}</span>`;
}
