// The default look of the reader elements (<palabre-comments>, <palabre-featured>): neutral, and
// restyled by sites through --palabre-* properties.
import { sheet } from "./element";

/** The dark palette: the same properties, darker defaults (a site's own values still win). */
const dark = `
    --_fg: var(--palabre-color-text, #e6e8eb);
    --_bg: var(--palabre-color-background, #16191d);
    --_muted: var(--palabre-color-muted, #a4adb8);
    --_border: var(--palabre-color-border, #3d444d);
    --_surface: var(--palabre-color-surface, #22272e);
    --_accent: var(--palabre-color-accent, #8ab4f8);
    --_on-accent: var(--palabre-color-on-accent, #0f1722);
    --_error: var(--palabre-color-error, #ff8a80);
    color-scheme: dark;
`;

export const readerStyles = sheet(`
  :host([theme="dark"]) {${dark}}
  @media (prefers-color-scheme: dark) {
    :host([theme="auto"]) {${dark}}
  }
  button[aria-pressed="true"] {
    background: var(--_highlight);
    padding-inline: 0.4em;
  }
  :host {
    --_fg: var(--palabre-color-text, inherit);
    --_bg: var(--palabre-color-background, transparent);
    --_muted: var(--palabre-color-muted, #5b6470);
    --_border: var(--palabre-color-border, #d3d8de);
    --_surface: var(--palabre-color-surface, #fff);
    --_accent: var(--palabre-color-accent, #1d5fb8);
    --_on-accent: var(--palabre-color-on-accent, #fff);
    --_error: var(--palabre-color-error, #b3261e);
    --_radius: var(--palabre-radius, 6px);
    --_space: var(--palabre-space, 1rem);
    --_highlight: var(--palabre-color-highlight, color-mix(in srgb, var(--_accent) 12%, transparent));
    display: block;
    font-family: var(--palabre-font, inherit);
    font-size: var(--palabre-font-size, 1rem);
    line-height: 1.5;
    color: var(--_fg);
    background: var(--_bg);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  h2 {
    font: inherit;
    font-family: var(--palabre-heading-font, inherit);
    font-size: 1.4em;
    font-weight: 700;
    margin: 0 0 var(--_space);
  }
  h3,
  h4 {
    font: inherit;
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.6em;
  }
  .author {
    font-weight: 700;
  }
  .permalink,
  .reply-to {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .permalink {
    text-decoration: none;
  }
  .permalink:hover {
    text-decoration: underline;
  }
  .reply-to {
    margin: 0;
  }
  .badge {
    font-size: 0.75em;
    font-weight: 700;
    padding: 0.05em 0.6em;
    border-radius: 1em;
    border: 1px solid var(--_accent);
    color: var(--_accent);
    white-space: nowrap;
  }
  .badge.staff {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .badge.pending {
    border: 1px dashed var(--_muted);
    color: var(--_fg);
    background: var(--_highlight);
  }
  .held > .body {
    color: var(--_muted);
  }
  .flash {
    animation: flash 2.5s ease-out;
  }
  @keyframes flash {
    0%,
    40% {
      background: var(--_highlight);
    }
  }
  li:focus {
    outline: none;
  }
  .picks {
    margin: 0 0 calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 0.8) var(--_space);
    border-left: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_highlight);
  }
  .picks > h3 {
    display: block;
    font-family: var(--palabre-heading-font, inherit);
    font-size: 1.15em;
    font-weight: 700;
    margin: 0;
  }
  .pick + .pick {
    border-top: 1px solid var(--_border);
  }
  .pick {
    padding-bottom: 0.6em;
  }
  .pick:first-child {
    padding-top: 0.4em;
  }
  .byline {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.6em;
    margin: 0.3em 0 0;
  }
  .editor-note {
    margin: 0.4em 0;
    font-style: italic;
  }
  .editor-note strong {
    font-style: normal;
  }
  .goto,
  .pick h3 a {
    color: var(--_accent);
    font-weight: 600;
  }
  .goto {
    font-size: 0.9em;
  }
  .tools {
    display: flex;
    gap: 1.2em;
  }
  button.link.quiet {
    color: var(--_muted);
    font-weight: 400;
  }
  fieldset {
    margin: 0;
    padding: 0.4em 0.8em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  legend {
    font-weight: 600;
    font-size: 0.9em;
    padding: 0 0.3em;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5em;
    font-weight: 400;
    font-size: 1em;
  }
  .choice input {
    width: auto;
    margin: 0.2em 0;
    accent-color: var(--_accent);
  }
  .charter {
    padding: 0.5em 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .charter p {
    margin: 0;
  }
  .charter-title {
    font-weight: 700;
  }
  .charter-text {
    white-space: pre-line;
  }
  form > button[part~="send-anyway"] {
    justify-self: start;
  }
  form {
    display: grid;
    gap: 0.35em;
    margin: 0 0 calc(var(--_space) * 1.5);
  }
  label {
    font-weight: 600;
    font-size: 0.9em;
  }
  input + label {
    margin-top: 0.4em;
  }
  input,
  textarea,
  select,
  button {
    font: inherit;
    color: inherit;
  }
  input,
  textarea,
  select {
    width: 100%;
    padding: 0.5em 0.65em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  input {
    max-width: 22em;
  }
  textarea {
    min-height: 6.5em;
    resize: vertical;
  }
  [aria-invalid="true"] {
    border-color: var(--_error);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em var(--_space);
  }
  .actions {
    display: flex;
    gap: 0.5em;
    margin-left: auto;
  }
  .counter {
    margin: 0;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .counter.over {
    color: var(--_error);
    font-weight: 600;
  }
  button {
    cursor: pointer;
    padding: 0.45em 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button.link {
    padding: 0.1em 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
    font-size: 0.9em;
  }
  button.link:hover {
    text-decoration: underline;
  }
  button:disabled {
    cursor: progress;
    opacity: 0.65;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible {
    outline-offset: 0;
  }
  .sort {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin: 0 0 var(--_space);
  }
  .sort select {
    width: auto;
    padding: 0.3em 0.5em;
  }
  .status:empty {
    display: none;
  }
  .status,
  .empty,
  .note {
    margin: 0 0 var(--_space);
    color: var(--_muted);
  }
  .error,
  .error p {
    margin: 0;
    color: var(--_error);
    font-weight: 600;
  }
  li .status,
  .note.held-note {
    margin: 0.4em 0 0;
    font-size: 0.9em;
  }
  .error button {
    margin-top: 0.4em;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    padding-top: var(--_space);
  }
  .thread > li {
    border-top: 1px solid var(--_border);
    padding-bottom: var(--_space);
  }
  li ul {
    margin-left: 0.5em;
    padding-left: calc(var(--_space) * 0.9);
    border-left: 2px solid var(--_border);
  }
  .body {
    overflow-wrap: anywhere;
  }
  .body p {
    margin: 0.35em 0;
  }
  blockquote {
    margin: 0.5em 0;
    padding: 0 0 0 0.8em;
    border-left: 3px solid var(--_border);
    color: var(--_muted);
  }
  .body a {
    color: var(--_accent);
  }
  li form {
    margin: 0.6em 0 0;
  }
  .more {
    margin-top: 0.4em;
  }
`);
