/**
 * An officer's photo in the edit form: the picture (or the initials the
 * kiosk shows without one), upload (JPEG, PNG or WebP, at most 2 MB: the
 * server checks and makes a 256 px square) and removal with confirmation.
 * Each takes effect at once, apart from the form's Save.
 */
import { useState } from 'preact/hooks';
import { removeOfficerPhoto, setOfficerPhoto } from '../../../api/officers';
import { ApiError } from '../../../api/http';
import type { Officer } from '../../../types';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { useToasts } from '../../../ui/toasts';
import { useStructureSpeech } from '../speech';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_BYTES = 2 * 1024 * 1024;

export function OfficerPhotoField({ officer, initials, onChanged }: { officer: Officer; initials: string; onChanged: (o: Officer) => void }) {
  const { v, fill } = useStructureSpeech();
  const t = v.structure.photo;
  const toasts = useToasts();
  const [url, setUrl] = useState(officer.photoUrl ?? null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  async function done(p: Promise<Officer>) {
    setBusy(true);
    setProblem(null);
    try {
      const o = await p;
      setUrl(o.photoUrl ?? null);
      onChanged(o);
      toasts.show(o.photoUrl ? t.uploaded : t.removed);
    } catch (err) {
      setProblem(err instanceof ApiError && err.status === 413 ? t.tooLarge : err instanceof ApiError && err.status === 400 ? t.wrongType : t.failed);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  function pick(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    // Said before sending; the server checks the same (by the bytes, not the name).
    if (!TYPES.includes(file.type)) return setProblem(t.wrongType);
    if (file.size > MAX_BYTES) return setProblem(t.tooLarge);
    void done(setOfficerPhoto(officer.id, file));
  }

  return (
    <div class={`field officer-photo${problem ? ' field-invalid' : ''}`} data-testid="officer-photo">
      <span class="field-label" id="officer-photo-label">
        {t.label}
      </span>
      <div class="officer-photo-row">
        {url ? <img class="officer-photo-img" src={url} alt={fill(t.alt, { name: officer.name })} width={96} height={96} data-testid="officer-photo-img" /> : <span class="officer-photo-initials" aria-hidden="true">{initials}</span>}
        <div class="officer-photo-actions">
          <label class="btn btn-secondary">
            {busy ? t.working : url ? t.replace : t.upload}
            <input type="file" class="visually-hidden" accept={TYPES.join(',')} disabled={busy} aria-describedby="officer-photo-hint" data-testid="officer-photo-file" onChange={(e) => pick(e.currentTarget)} />
          </label>
          {url && (
            <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => setConfirming(true)}>
              {t.remove}
            </button>
          )}
        </div>
      </div>
      <p id="officer-photo-hint" class="muted small">
        {t.hint}
      </p>
      {problem && (
        <p class="field-error" role="alert" data-testid="officer-photo-error">
          {problem}
        </p>
      )}
      <ConfirmDialog open={confirming} title={fill(t.removeTitle, { name: officer.name })} confirmLabel={t.remove} danger busy={busy} onConfirm={() => void done(removeOfficerPhoto(officer.id))} onCancel={() => setConfirming(false)}>
        <p>{t.removeBody}</p>
      </ConfirmDialog>
    </div>
  );
}
