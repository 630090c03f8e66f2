/**
 * The first-run wizard (admins, an office with no units yet, as after
 * `SEED_DEMO=false`): office name and target → units → counters → officers
 * → the first kiosk's enrolment code and QR. Each step saves through the
 * same API and forms as the Structure screen; the step is in the address.
 */
import '../structure/styles.css';
import './styles.css';
import { useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { useAppData, useAppStore } from '../../store';
import { navigate } from '../../router';
import { markSetupDone } from '../../setup-state';
import type { ViewProps } from '../view';
import { setupMessages } from './messages';
import { updateOrganisation } from '../../api/organisation';
import { listServicePoints } from '../../api/service-points';
import { createDevice } from '../../api/devices';
import type { DeviceCreated, ServicePoint } from '../../types';
import { FormField, FormProblemNotice } from '../../ui/form-field';
import { problemOf, type FormProblem } from '../../ui/form-errors';
import { UnitForm } from '../structure/parts/units';
import { CounterForm } from '../structure/parts/counters';
import { OfficerForm } from '../structure/parts/officers';

const STEPS = 5;

export default function SetupView({ params, setParams }: ViewProps) {
  const { v, fill } = useViewSpeech(setupMessages);
  const step = Math.min(STEPS - 1, Math.max(0, Number(params.step ?? 0) || 0));
  const go = (n: number) => setParams({ step: n ? String(n) : undefined });
  const finish = () => {
    markSetupDone();
    navigate({ view: 'overview' });
  };
  return (
    <div class="setup">
      <p>{v.setup.intro}</p>
      <ol class="setup-steps" aria-label={v.setup.progress}>
        {v.setup.steps.map((name, i) => (
          <li key={name} aria-current={i === step ? 'step' : undefined} class={i < step ? 'done' : undefined}>
            {name}
          </li>
        ))}
      </ol>
      <h2 class="card-title" data-testid="setup-step">
        {fill(v.setup.stepOf, { n: step + 1, total: STEPS, name: v.setup.steps[step] })}
      </h2>
      {step === 0 && <OfficeStep onNext={() => go(1)} />}
      {step === 1 && <AddStep kind="unit" onBack={() => go(0)} onNext={() => go(2)} />}
      {step === 2 && <AddStep kind="counter" onBack={() => go(1)} onNext={() => go(3)} />}
      {step === 3 && <AddStep kind="officer" onBack={() => go(2)} onNext={() => go(4)} />}
      {step === 4 && <KioskStep onBack={() => go(3)} onDone={finish} />}
      <div class="setup-nav">
        <button type="button" class="btn btn-ghost skip" onClick={finish}>
          {v.setup.skip}
        </button>
      </div>
    </div>
  );
}

function OfficeStep({ onNext }: { onNext: () => void }) {
  const { m, v } = useViewSpeech(setupMessages);
  const { organisation } = useAppData();
  const store = useAppStore();
  const [vi, setVi] = useState(organisation.name.vi);
  const [en, setEn] = useState(organisation.name.en);
  const [target, setTarget] = useState(String(Math.round(organisation.target * 1000) / 10));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      const t = target.trim() === '' ? Number.NaN : Number(target.replace(',', '.'));
      await updateOrganisation({ name: { vi, en }, target: Math.round(t * 10) / 1000 });
      store.reload();
      onNext();
    } catch (err) {
      setProblem(problemOf(err, m.form, ['name.vi', 'name.en', 'target']));
    } finally {
      setSaving(false);
    }
  }
  const f = problem?.fields ?? {};
  return (
    <form class="card" onSubmit={submit} noValidate data-testid="setup-office">
      <FormProblemNotice problem={problem} />
      <FormField id="setup-name-vi" label={v.setup.officeName} required error={f['name.vi']}>
        {(a) => <input {...a} type="text" value={vi} maxLength={200} onInput={(e) => setVi(e.currentTarget.value)} />}
      </FormField>
      <FormField id="setup-name-en" label={v.setup.officeNameEn} error={f['name.en']}>
        {(a) => <input {...a} type="text" value={en} maxLength={200} onInput={(e) => setEn(e.currentTarget.value)} />}
      </FormField>
      <FormField id="setup-target" label={v.setup.target} hint={v.setup.targetHint} required error={f.target}>
        {(a) => <input {...a} type="text" inputMode="decimal" value={target} onInput={(e) => setTarget(e.currentTarget.value)} />}
      </FormField>
      <button type="submit" class="btn" disabled={saving}>
        {v.setup.saveNext}
      </button>
    </form>
  );
}

/** Add units, counters or officers one after another; the added ones are listed. */
function AddStep({ kind, onBack, onNext }: { kind: 'unit' | 'counter' | 'officer'; onBack: () => void; onNext: () => void }) {
  const { v, local } = useViewSpeech(setupMessages);
  const store = useAppStore();
  const [added, setAdded] = useState<string[]>([]);
  const [formKey, setFormKey] = useState(0);
  const [warn, setWarn] = useState(false);
  const saved = (label: string) => {
    setAdded((a) => [...a, label]);
    setFormKey((k) => k + 1);
    setWarn(false);
    // New units must reach the unit pickers of the next steps.
    if (kind === 'unit') store.reload();
  };
  const props = { initial: null, onCancel: () => setFormKey((k) => k + 1) };
  return (
    <>
      <section class="card" aria-live="polite">
        <h3 class="card-title">{v.setup.added}</h3>
        {added.length ? (
          <ul class="setup-added" data-testid={`setup-added-${kind}`}>
            {added.map((a) => (
              <li key={a} class="badge">
                {a}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{v.setup.none}</p>
        )}
      </section>
      {kind === 'unit' && <UnitForm key={formKey} {...props} onSaved={(u) => saved(local(u.name))} />}
      {kind === 'counter' && <CounterForm key={formKey} {...props} onSaved={(sp) => saved(`${sp.code} · ${local(sp.name)}`)} />}
      {kind === 'officer' && <OfficerForm key={formKey} {...props} onSaved={(o) => saved(o.name)} />}
      {warn && (
        <p class="notice error" role="alert">
          {v.setup.needOne}
        </p>
      )}
      <div class="setup-nav">
        <button type="button" class="btn btn-secondary" onClick={onBack}>
          {v.setup.back}
        </button>
        <button type="button" class="btn" data-testid="setup-next" onClick={() => (added.length || kind === 'officer' ? onNext() : setWarn(true))}>
          {v.setup.next}
        </button>
      </div>
    </>
  );
}

function KioskStep({ onBack, onDone }: { onBack: () => void; onDone: () => void }) {
  const { m, v, fill, local, time } = useViewSpeech(setupMessages);
  const [sps, setSps] = useState<ServicePoint[] | null>(null);
  const [spId, setSpId] = useState('');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<DeviceCreated | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    listServicePoints().then(
      (r) => {
        setSps(r.items);
        if (r.items[0]) {
          setSpId(r.items[0].id);
          setName(fill(v.setup.kioskNameDefault, { code: r.items[0].code }));
        }
      },
      () => setSps([]),
    );
  }, []);
  async function submit(e: Event) {
    e.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      setCreated(await createDevice({ servicePointId: spId, name }));
    } catch (err) {
      setProblem(problemOf(err, m.form, ['servicePointId', 'name']));
    } finally {
      setSaving(false);
    }
  }
  const f = problem?.fields ?? {};
  if (created) {
    const e = created.enrolment;
    return (
      <>
        <section class="card enrol" data-testid="setup-enrolment">
          {/* The SVG is drawn by our own server's QR library from the enrolment URL: markup, not script. */}
          <div class="enrol-qr" role="img" aria-label={v.setup.qr} dangerouslySetInnerHTML={{ __html: e.qrSvg ?? '' }} />
          <div>
            <p class="field-label">{v.setup.code}</p>
            <p class="enrol-code" data-testid="enrol-code">
              {e.code}
            </p>
            <p class="field-label">{v.setup.link}</p>
            <p class="enrol-link">
              <a href={e.url} data-testid="enrol-url">
                {e.url}
              </a>
            </p>
            <p class="muted">{fill(v.setup.expires, { time: time(e.expiresAt) })}</p>
          </div>
        </section>
        <div class="setup-nav">
          <button type="button" class="btn" data-testid="setup-finish" onClick={onDone}>
            {v.setup.finish}
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <form class="card" onSubmit={submit} noValidate data-testid="setup-kiosk">
        <p>{v.setup.kioskIntro}</p>
        <FormProblemNotice problem={problem} />
        <FormField id="setup-counter" label={v.setup.counter} required error={f.servicePointId}>
          {(a) => (
            <select {...a} value={spId} onChange={(ev) => setSpId(ev.currentTarget.value)}>
              {(sps ?? []).map((sp) => (
                <option key={sp.id} value={sp.id}>
                  {`${sp.code} · ${local(sp.name)}`}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="setup-kiosk-name" label={v.setup.kioskName} required error={f.name}>
          {(a) => <input {...a} type="text" value={name} maxLength={100} onInput={(ev) => setName(ev.currentTarget.value)} />}
        </FormField>
        <button type="submit" class="btn" disabled={saving || !spId}>
          {saving ? v.setup.creating : v.setup.create}
        </button>
      </form>
      <div class="setup-nav">
        <button type="button" class="btn btn-secondary" onClick={onBack}>
          {v.setup.back}
        </button>
      </div>
    </>
  );
}
