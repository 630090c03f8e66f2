/**
 * Short notices after an action ("Đã lưu.", "Không lưu được…"): one live
 * region for the whole app, so a screen reader hears each one once. Errors
 * stay until closed; others go after a few seconds.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { useSpeech } from '../i18n';

export type ToastKind = 'success' | 'info' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

export interface Toasts {
  show: (text: string, kind?: ToastKind) => void;
}

const AUTO_CLOSE_MS = 6000;
const MAX_SHOWN = 4;

const ToastContext = createContext<Toasts>({ show: () => undefined });

export const useToasts = (): Toasts => useContext(ToastContext);

export function ToastProvider({ children }: { children: ComponentChildren }) {
  const { m } = useSpeech();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const close = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const show = useCallback((text: string, kind: ToastKind = 'success') => {
    const id = nextId.current++;
    setToasts((t) => [...t, { id, kind, text }].slice(-MAX_SHOWN));
  }, []);
  return (
    <ToastContext.Provider value={{ show }}>
      {children}
      <div class="toasts" role="region" aria-label={m.toast.region}>
        {/* Two live regions: errors interrupt (alert), the rest wait their turn (status). */}
        <div role="status" aria-live="polite">
          {toasts.filter((t) => t.kind !== 'error').map((t) => <ToastItem key={t.id} toast={t} onClose={close} />)}
        </div>
        <div role="alert">
          {toasts.filter((t) => t.kind === 'error').map((t) => <ToastItem key={t.id} toast={t} onClose={close} />)}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onClose }: { toast: Toast; onClose: (id: number) => void }) {
  const { m } = useSpeech();
  useEffect(() => {
    if (toast.kind === 'error') return;
    const t = setTimeout(() => onClose(toast.id), AUTO_CLOSE_MS);
    return () => clearTimeout(t);
  }, [toast.id]);
  return (
    <p class={`toast toast-${toast.kind}`} data-testid="toast" data-kind={toast.kind}>
      <span>{toast.text}</span>
      <button type="button" class="toast-close" aria-label={m.toast.close} title={m.toast.close} onClick={() => onClose(toast.id)}>
        ×
      </button>
    </p>
  );
}
