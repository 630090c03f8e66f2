/**
 * "Are you sure?" before an action that cannot simply be undone (revoke a
 * kiosk, exclude a response). A modal <dialog>: the page behind is inert,
 * Tab stays inside, Escape cancels, focus starts on Cancel (the safe
 * choice) and returns to whatever opened it.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useSpeech } from '../i18n';

interface Props {
  open: boolean;
  title: ComponentChildren;
  children?: ComponentChildren;
  confirmLabel?: string;
  cancelLabel?: string;
  /** The action destroys or hides something: the confirm button says so by its colour too. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

let nextId = 1;

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab wrap around inside `root`. */
export function trapTab(e: KeyboardEvent, root: HTMLElement): void {
  if (e.key !== 'Tab') return;
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (!items.length) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel, danger, busy, onConfirm, onCancel }: Props) {
  const { m } = useSpeech();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const id = useRef(`confirm-${nextId++}`).current;

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      cancel.current?.focus();
    } else if (!open && d.open) {
      d.close();
      (opener.current as HTMLElement | null)?.focus?.();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={children ? `${id}-body` : undefined}
      onCancel={(e) => {
        // Escape: we close it through `open`, so focus goes back where it came from.
        e.preventDefault();
        if (!busy) onCancel();
      }}
      onKeyDown={(e) => dialog.current && trapTab(e, dialog.current)}
      data-testid="confirm-dialog"
    >
      <h2 id={`${id}-title`} class="dialog-title">
        {title}
      </h2>
      {children && (
        <div id={`${id}-body`} class="dialog-body">
          {children}
        </div>
      )}
      <div class="dialog-actions">
        <button ref={cancel} type="button" class="btn btn-secondary" disabled={busy} onClick={onCancel}>
          {cancelLabel ?? m.dialog.cancel}
        </button>
        <button type="button" class={`btn${danger ? ' btn-danger' : ''}`} disabled={busy} onClick={onConfirm}>
          {confirmLabel ?? m.dialog.confirm}
        </button>
      </div>
    </dialog>
  );
}
