// The default look of <palabre-comments>: neutral, and restyled by sites through --palabre-* properties.
import { css } from "lit";

export const commentsStyles = css`
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
  h3 {
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
  .error {
    margin: 0;
    color: var(--_error);
    font-weight: 600;
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
`;
