/**
 * Organisation settings (admins): name, target, minimum sample, index
 * method, verified-only headline, kiosk timings, the public URL shown
 * for checking, and the waiting-room screen (screen-section.tsx, saved on its own). Only changed settings are sent, so the audit entry names
 * exactly what changed; the server's field errors show beside each field.
 */
import './styles.css';
import { useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { useAppData, useAppStore } from '../../store';
import type { ViewProps } from '../view';
import { settingsMessages } from './messages';
import { updateOrganisation } from '../../api/organisation';
import type { Organisation, OrganisationPatch } from '../../types';
import { FormField, FormProblemNotice } from '../../ui/form-field';
import { problemOf, type FormProblem } from '../../ui/form-errors';
import { useToasts } from '../../ui/toasts';
import { ScreenSection } from './screen-section';
import { SaveActions } from './save-actions';

const FIELDS = ['name.vi', 'name.en', 'target', 'minSample', 'indexMethod', 'headlineVerifiedOnly', 'kiosk.idleSeconds', 'kiosk.minGapSeconds', 'kiosk.thankYouSeconds', 'agencyParent', 'reportPlace', 'reportSigner', 'reportSignerTitle'] as const;
const METHODS: Organisation['indexMethod'][] = ['mean-of-criteria', 'pooled'];
const THANKS_DEFAULT = 4;

/** The form's values as typed (numbers as text, so what was typed survives an error). */
interface Draft {
  nameVi: string;
  nameEn: string;
  target: string;
  minSample: string;
  indexMethod: Organisation['indexMethod'];
  verifiedOnly: boolean;
  idle: string;
  gap: string;
  thanks: string;
  agencyParent: string;
  reportPlace: string;
  reportSigner: string;
  reportSignerTitle: string;
}

const draftOf = (o: Organisation): Draft => ({
  nameVi: o.name.vi,
  nameEn: o.name.en,
  target: String(Math.round(o.target * 1000) / 10),
  minSample: String(o.minSample),
  indexMethod: o.indexMethod,
  verifiedOnly: o.headlineVerifiedOnly,
  idle: String(o.kiosk.idleSeconds),
  gap: String(o.kiosk.minGapSeconds),
  thanks: String(o.kiosk.thankYouSeconds ?? THANKS_DEFAULT),
  agencyParent: o.agencyParent ?? '',
  reportPlace: o.reportPlace ?? '',
  reportSigner: o.reportSigner ?? '',
  reportSignerTitle: o.reportSignerTitle ?? '',
});

/** The report header and signature settings (empty: not set). */
const REPORT_KEYS = ['agencyParent', 'reportPlace', 'reportSigner', 'reportSignerTitle'] as const;

/** A typed number; an empty or unreadable one is sent as NaN → null, which the server names as the bad field. */
const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.replace(',', '.')));

/** Only what differs from the stored settings. */
function patchOf(o: Organisation, d: Draft): OrganisationPatch {
  const p: OrganisationPatch = {};
  if (d.nameVi !== o.name.vi || d.nameEn !== o.name.en) p.name = { vi: d.nameVi, en: d.nameEn };
  const target = Math.round(num(d.target) * 10) / 1000;
  if (target !== o.target) p.target = target;
  if (num(d.minSample) !== o.minSample) p.minSample = num(d.minSample);
  if (d.indexMethod !== o.indexMethod) p.indexMethod = d.indexMethod;
  if (d.verifiedOnly !== o.headlineVerifiedOnly) p.headlineVerifiedOnly = d.verifiedOnly;
  const kiosk = { idleSeconds: num(d.idle), minGapSeconds: num(d.gap), thankYouSeconds: num(d.thanks) };
  if (kiosk.idleSeconds !== o.kiosk.idleSeconds || kiosk.minGapSeconds !== o.kiosk.minGapSeconds || kiosk.thankYouSeconds !== (o.kiosk.thankYouSeconds ?? THANKS_DEFAULT)) p.kiosk = kiosk;
  for (const k of REPORT_KEYS) if (d[k].trim() !== (o[k] ?? '')) p[k] = d[k].trim() || null;
  return p;
}

const isLocal = (url: string | undefined): boolean => !!url && /^https?:\/\/(localhost|127\.|\[::1\]|0\.0\.0\.0)/i.test(url);

export default function SettingsView(_props: ViewProps) {
  const { m, v } = useViewSpeech(settingsMessages);
  const { organisation, units } = useAppData();
  const store = useAppStore();
  const toasts = useToasts();
  const [saved, setSaved] = useState<Organisation>(organisation);
  const [d, setD] = useState<Draft>(() => draftOf(organisation));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Draft>(k: K, value: Draft[K]) => setD((x) => ({ ...x, [k]: value }));
  const f = problem?.fields ?? {};

  /** Undo: the form as last saved, its error notice gone. */
  const undo = () => {
    setD(draftOf(saved));
    setProblem(null);
  };

  async function submit(e: Event) {
    e.preventDefault();
    const patch = patchOf(saved, d);
    if (Object.keys(patch).length === 0) {
      toasts.show(v.settings.nothing, 'info');
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const next = await updateOrganisation(patch);
      setSaved(next);
      setD(draftOf(next));
      toasts.show(v.settings.saved);
      // The frame shows the name; the overview reads the target.
      store.reload();
    } catch (err) {
      setProblem(problemOf(err, m.form, FIELDS));
    } finally {
      setSaving(false);
    }
  }

  const text = (id: string, field: (typeof FIELDS)[number], label: string, key: keyof Draft, opts: { hint?: string; required?: boolean; numeric?: boolean } = {}) => (
    <FormField id={id} label={label} hint={opts.hint} required={opts.required} error={f[field]}>
      {(a) => (
        <input
          {...a}
          type="text"
          inputMode={opts.numeric ? 'decimal' : undefined}
          value={d[key] as string}
          onInput={(e) => set(key, e.currentTarget.value as never)}
        />
      )}
    </FormField>
  );

  return (
    <div class="settings-stack">
      <form class="settings-form card" onSubmit={submit} noValidate data-testid="settings-form">
        <FormProblemNotice problem={problem} />
        <fieldset>
          <legend>{v.settings.office}</legend>
          <div class="settings-grid">
            {text('set-name-vi', 'name.vi', v.settings.nameVi, 'nameVi', { required: true })}
            {text('set-name-en', 'name.en', v.settings.nameEn, 'nameEn', { hint: v.settings.nameEnHint })}
          </div>
          <FormField id="set-public-url" label={v.settings.publicUrl} hint={v.settings.publicUrlHint}>
            {(a) => <input {...a} class="public-url" type="text" readOnly value={saved.publicUrl ?? ''} />}
          </FormField>
          {isLocal(saved.publicUrl) && (
            <p class="notice error" role="status" data-testid="localhost-warning">
              {v.settings.localhost}
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>{v.settings.figures}</legend>
          <div class="settings-grid">
            {text('set-target', 'target', v.settings.target, 'target', { hint: v.settings.targetHint, required: true, numeric: true })}
            {text('set-min-sample', 'minSample', v.settings.minSample, 'minSample', { hint: v.settings.minSampleHint, required: true, numeric: true })}
          </div>
          <FormField id="set-index-method" label={v.settings.indexMethod} error={f.indexMethod}>
            {(a) => (
              <select {...a} value={d.indexMethod} onChange={(e) => set('indexMethod', e.currentTarget.value as Organisation['indexMethod'])}>
                {METHODS.map((x) => (
                  <option key={x} value={x}>
                    {v.settings.methods[x]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <div class="field">
            <label class="settings-check">
              <input id="set-verified" type="checkbox" checked={d.verifiedOnly} aria-describedby="set-verified-hint" onChange={(e) => set('verifiedOnly', e.currentTarget.checked)} />
              <span>{v.settings.verifiedOnly}</span>
            </label>
            <p id="set-verified-hint" class="muted small">
              {v.settings.verifiedOnlyHint}
            </p>
          </div>
        </fieldset>
        <fieldset>
          <legend>{v.settings.kiosk}</legend>
          <div class="settings-grid">
            {text('set-idle', 'kiosk.idleSeconds', v.settings.idle, 'idle', { hint: v.settings.idleHint, required: true, numeric: true })}
            {text('set-gap', 'kiosk.minGapSeconds', v.settings.gap, 'gap', { hint: v.settings.gapHint, required: true, numeric: true })}
            {text('set-thanks', 'kiosk.thankYouSeconds', v.settings.thanks, 'thanks', { hint: v.settings.thanksHint, required: true, numeric: true })}
          </div>
        </fieldset>
        <fieldset>
          <legend>{v.settings.reports}</legend>
          <div class="settings-grid">
            {text('set-agency-parent', 'agencyParent', v.settings.agencyParent, 'agencyParent', { hint: v.settings.agencyParentHint })}
            {text('set-report-place', 'reportPlace', v.settings.reportPlace, 'reportPlace', { hint: v.settings.reportPlaceHint })}
            {text('set-report-signer-title', 'reportSignerTitle', v.settings.reportSignerTitle, 'reportSignerTitle', { hint: v.settings.reportSignerTitleHint })}
            {text('set-report-signer', 'reportSigner', v.settings.reportSigner, 'reportSigner')}
          </div>
        </fieldset>
        <SaveActions saving={saving} save={v.settings.save} onUndo={undo} />
      </form>
      <ScreenSection
        organisation={saved}
        units={units}
        onSaved={(next) => {
          setSaved(next);
          store.reload();
        }}
      />
    </div>
  );
}
