// The dashboard's modal base: a native <dialog> opened as a modal (focus kept inside, given back on
// close), its buttons row and a field's error; every dialog and the person drawer build on it.
import type { ComponentChildren, RefObject } from "preact";
import { useId, useLayoutEffect, useRef } from "preact/hooks";

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** a band in the site's colour across the top, for dialogs that act as that site */
  accent?: string;
  wide?: boolean;
}

/**
 * Opens the <dialog> as a modal while the component is on the page: the rest of the page is inert,
 * so focus stays inside; on close, focus goes back where the person was when that is still on the
 * page (an acted-on item may be gone: the queue then focuses its neighbour). A layout effect, so
 * that its cleanup runs as the dialog leaves the page, before the screen's own layout effects
 * (which may focus another item): a passive cleanup would run after paint and take focus back.
 */
export function useModal(ref: RefObject<HTMLDialogElement | null>): void {
  useLayoutEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
}

export function Dialog({ title, onClose, children, accent, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useModal(ref);

  return (
    <dialog
      ref={ref}
      class={wide ? "dialog wide" : "dialog"}
      aria-labelledby={titleId}
      style={accent ? { borderTop: `6px solid ${accent}` } : undefined}
      onCancel={(e) => {
        // Escape: let the owner close it, so that state and screen agree.
        e.preventDefault();
        close.current();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

export function Buttons({ children }: { children: ComponentChildren }) {
  return <div class="dialog-buttons">{children}</div>;
}

export function FieldError({ id, text }: { id: string; text: string | null }) {
  return text ? (
    <p id={id} class="field-error" role="alert">
      {text}
    </p>
  ) : null;
}
