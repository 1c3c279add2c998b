// A keyboard shortcut shown beside a control's label, for sighted keyboard users. Hidden from
// screen readers, so that the control's name is its action alone.
import type { ComponentChildren } from "preact";

export function KeyHint({ children }: { children: ComponentChildren }) {
  // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a <kbd> cannot take the focus (Biome 2.6 counts it as focusable); the hint is decorative
  return <kbd aria-hidden="true">{children}</kbd>;
}
