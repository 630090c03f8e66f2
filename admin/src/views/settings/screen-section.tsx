/**
 * "Màn hình phòng chờ / Waiting-room screen" (issue 12 item 8): switch the
 * public screen on, choose its code, what it shows and which units, and open
 * it (its address, a link and a QR code to open it on the TV). Saved on its
 * own: only what changed is sent as `publicScreen`, so the audit entry names
 * exactly that. The server checks the code and the units.
 */
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { useViewSpeech } from '../../i18n';
import { updateOrganisation } from '../../api/organisation';
import type { Organisation, OrganisationPatch, Unit } from '../../types';
import { FormField, FormProblemNotice } from '../../ui/form-field';
import { problemOf, type FormProblem } from '../../ui/form-errors';
import { useToasts } from '../../ui/toasts';
import { settingsMessages } from './messages';
import { SaveActions } from './save-actions';

type Settings = NonNullable<Organisation['publicScreen']>;
type Part = Settings['parts'][number];
const PARTS: Part[] = ['today', 'month', 'counters'];
const FIELDS = ['publicScreen.enabled', 'publicScreen.code', 'publicScreen.parts', 'publicScreen.unitIds'] as const;
const DEFAULTS: Settings = { enabled: false, code: '', parts: [...PARTS], unitIds: null };

interface Draft {
  enabled: boolean;
  code: string;
  parts: Part[];
  allUnits: boolean;
  unitIds: string[];
}

const draftOf = (s: Settings): Draft => ({ enabled: s.enabled, code: s.code, parts: [...s.parts], allUnits: s.unitIds === null, unitIds: s.unitIds ?? [] });

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function patchOf(s: Settings, d: Draft): NonNullable<OrganisationPatch['publicScreen']> {
  const p: NonNullable<OrganisationPatch['publicScreen']> = {};
  if (d.enabled !== s.enabled) p.enabled = d.enabled;
  if (d.code.trim() !== s.code) p.code = d.code.trim();
  const parts = PARTS.filter((x) => d.parts.includes(x));
  if (!sameList(parts, s.parts)) p.parts = parts;
  const unitIds = d.allUnits ? null : d.unitIds;
  if ((unitIds === null) !== (s.unitIds === null) || (unitIds && s.unitIds && !sameList(unitIds, s.unitIds))) p.unitIds = unitIds;
  return p;
}

/** The screen's address as the TV opens it: PUBLIC_URL when the server has one, else this page's origin. */
export const screenUrl = (publicUrl: string | undefined, code: string): string => `${(publicUrl || location.origin).replace(/\/$/, '')}/screen/${encodeURIComponent(code)}`;

export function ScreenSection(props: { organisation: Organisation; units: Unit[]; onSaved: (o: Organisation) => void }) {
  const { m, v, local } = useViewSpeech(settingsMessages);
  const w = v.screen;
  const toasts = useToasts();
  const saved = props.organisation.publicScreen ?? DEFAULTS;
  const [d, setD] = useState<Draft>(() => draftOf(saved));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const [qr, setQr] = useState<string | null>(null);
  const f = problem?.fields ?? {};
  const units = props.units.filter((u) => u.active !== false).sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }));
  const url = screenUrl(props.organisation.publicUrl, saved.code);
  const unitLinks = units.filter((u) => saved.unitIds === null || saved.unitIds.includes(u.id));

  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => live && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [url]);

  /** Undo: the form as last saved, its error notice gone. */
  const undo = () => {
    setD(draftOf(saved));
    setProblem(null);
  };

  async function submit(e: Event) {
    e.preventDefault();
    const patch = patchOf(saved, d);
    if (Object.keys(patch).length === 0) return toasts.show(v.settings.nothing, 'info');
    setSaving(true);
    setProblem(null);
    try {
      const next = await updateOrganisation({ publicScreen: patch });
      setD(draftOf(next.publicScreen ?? DEFAULTS));
      props.onSaved(next);
      toasts.show(v.settings.saved);
    } catch (err) {
      setProblem(problemOf(err, m.form, FIELDS));
    } finally {
      setSaving(false);
    }
  }

  const togglePart = (p: Part, on: boolean) => setD((x) => ({ ...x, parts: on ? [...x.parts, p] : x.parts.filter((y) => y !== p) }));
  const toggleUnit = (id: string, on: boolean) => setD((x) => ({ ...x, unitIds: on ? [...x.unitIds, id] : x.unitIds.filter((y) => y !== id) }));

  return (
    <form class="settings-form card screen-settings" onSubmit={submit} noValidate data-testid="screen-settings" aria-labelledby="screen-settings-h">
      <FormProblemNotice problem={problem} />
      <fieldset>
        <legend id="screen-settings-h">{w.title}</legend>
        <p class="muted small screen-intro">{w.intro}</p>
        <div class="field">
          <label class="settings-check">
            <input id="set-screen-enabled" type="checkbox" checked={d.enabled} onChange={(e) => setD((x) => ({ ...x, enabled: e.currentTarget.checked }))} />
            <span>{w.enabled}</span>
          </label>
        </div>
        <div class="settings-grid">
          <FormField id="set-screen-code" label={w.code} hint={w.codeHint} required error={f['publicScreen.code']}>
            {(a) => <input {...a} type="text" value={d.code} maxLength={32} autoComplete="off" spellcheck={false} onInput={(e) => setD((x) => ({ ...x, code: e.currentTarget.value }))} />}
          </FormField>
        </div>
        <fieldset class={`screen-choices${f['publicScreen.parts'] ? ' field-invalid' : ''}`}>
          <legend class="field-label">{w.parts}</legend>
          {PARTS.map((p) => (
            <label class="settings-check" key={p}>
              <input type="checkbox" name="screen-part" value={p} checked={d.parts.includes(p)} onChange={(e) => togglePart(p, e.currentTarget.checked)} />
              <span>{w.partNames[p]}</span>
            </label>
          ))}
          {f['publicScreen.parts'] && <p class="field-error">{w.partsNeeded}</p>}
        </fieldset>
        <fieldset class={`screen-choices${f['publicScreen.unitIds'] ? ' field-invalid' : ''}`}>
          <legend class="field-label">{w.units}</legend>
          <label class="settings-check">
            <input type="checkbox" checked={d.allUnits} onChange={(e) => setD((x) => ({ ...x, allUnits: e.currentTarget.checked }))} />
            <span>{w.allUnits}</span>
          </label>
          {!d.allUnits &&
            units.map((u) => (
              <label class="settings-check indent" key={u.id}>
                <input type="checkbox" checked={d.unitIds.includes(u.id)} onChange={(e) => toggleUnit(u.id, e.currentTarget.checked)} />
                <span>
                  {local(u.name)} <span class="muted">({u.code})</span>
                </span>
              </label>
            ))}
          <p class="muted small">{w.unitsHint}</p>
        </fieldset>
      </fieldset>

      <section class="screen-open" aria-labelledby="screen-open-h">
        <h3 id="screen-open-h">{w.open}</h3>
        {!saved.enabled && (
          <p class="notice" role="status" data-testid="screen-off-note">
            {w.offNote}
          </p>
        )}
        <div class="screen-open-row">
          {qr && <img class="screen-qr" src={qr} width={132} height={132} alt={w.qrAlt} data-testid="screen-qr" />}
          <div class="screen-links">
            <p class="field-label">{w.officeUrl}</p>
            <p>
              <a href={url} target="_blank" rel="noopener" class="screen-url" data-testid="screen-url">
                {url}
              </a>
            </p>
            {unitLinks.length > 0 && (
              <>
                <p class="field-label">{w.unitUrls}</p>
                <ul class="screen-unit-links">
                  {unitLinks.map((u) => (
                    <li key={u.id}>
                      <a href={screenUrl(props.organisation.publicUrl, u.code)} target="_blank" rel="noopener">
                        {screenUrl(props.organisation.publicUrl, u.code)}
                      </a>{' '}
                      <span class="muted">— {local(u.name)}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p class="muted small">{w.tvHint}</p>
          </div>
        </div>
      </section>

      <SaveActions saving={saving} save={w.save} onUndo={undo} />
    </form>
  );
}
