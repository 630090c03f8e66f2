/**
 * Counter kiosks (admins, managers): the list with each kiosk's health as it
 * last reported (online, last seen, queued ratings, oldest queued, version,
 * clock skew), enrolment of a new one (a one-time code and its QR, shown
 * once), a new code, rename, move to another counter, revoke (confirmed).
 * Below: each counter's rating mode and the office's kiosk PIN (admins).
 */
import './styles.css';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { useAppData, useAppStore } from '../../store';
import type { ViewProps } from '../view';
import { kiosksMessages } from './messages';
import { createDevice, issueEnrolmentCode, listDevices, moveDevice, renameDevice, revokeDevice } from '../../api/devices';
import { listServicePoints, setRatingMode } from '../../api/service-points';
import { updateOrganisation } from '../../api/organisation';
import type { Device, IssuedCode, ServicePoint } from '../../types';
import { DataTable, sortedRows, type Column } from '../../ui/data-table';
import { sortFromParams, sortToParams } from '../../ui/table-sort';
import { Pager, usePage } from '../../ui/pager';
import { FormField, FormProblemNotice } from '../../ui/form-field';
import { problemOf, type FormProblem } from '../../ui/form-errors';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { useToasts } from '../../ui/toasts';

const SORT_COLUMNS = ['name', 'counter', 'state', 'lastSeen', 'outbox'];
/** A kiosk clock further off than this is worth a word. */
const SKEW_WARN_MS = 60_000;

type Editing = { mode: 'create' } | { mode: 'edit'; device: Device } | null;
type Pending = { kind: 'code' | 'revoke'; device: Device } | null;
type Shown = { name: string; code: IssuedCode } | null;

export default function KiosksView({ user, params, setParams }: ViewProps) {
  const s = useViewSpeech(kiosksMessages);
  const { v, fill, locale, num, when, time } = s;
  const toasts = useToasts();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [counters, setCounters] = useState<ServicePoint[]>([]);
  const [loadError, setLoadError] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown>(null);
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(() => {
    setLoadError(false);
    Promise.all([listDevices(), listServicePoints()]).then(
      ([d, sp]) => {
        setDevices(d.items);
        setCounters(sp.items);
        setNow(Date.now());
      },
      () => setLoadError(true),
    );
  }, []);
  useEffect(load, [load]);
  // Health comes from the kiosks' heartbeats: read it again every half minute.
  useEffect(() => {
    const t = setInterval(() => {
      listDevices().then(
        (d) => {
          setDevices(d.items);
          setNow(Date.now());
        },
        () => undefined,
      );
    }, 30_000);
    return () => clearInterval(t);
  }, []);

  const counterOf = (id: string) => counters.find((c) => c.id === id);
  const counterName = (id: string) => {
    const c = counterOf(id);
    return c ? `${c.code} · ${s.local(c.name)}` : v.kiosks.unknownCounter;
  };
  const today = new Date(now).toISOString().slice(0, 10);
  const span = (ms: number, words: typeof v.kiosks.dur) => {
    const sec = Math.max(0, Math.round(ms / 1000));
    if (sec < 60) return fill(words.s, { n: num(sec) });
    if (sec < 3600) return fill(words.min, { n: num(Math.round(sec / 60)) });
    if (sec < 86_400) return fill(words.h, { n: num(Math.round(sec / 3600)) });
    return fill(words.d, { n: num(Math.round(sec / 86_400)) });
  };
  const skew = (ms: number) => `${ms >= 0 ? '+' : '−'}${span(Math.abs(ms), v.kiosks.dur)}`;
  const replace = (d: Device) => setDevices((list) => (list ? (list.some((x) => x.id === d.id) ? list.map((x) => (x.id === d.id ? d : x)) : [...list, d]) : [d]));

  const columns: Column<Device>[] = [
    { id: 'name', header: v.kiosks.name, rowHeader: true, sortValue: (d) => d.name, cell: (d) => d.name },
    { id: 'counter', header: v.kiosks.counter, sortValue: (d) => counterName(d.servicePointId), cell: (d) => counterName(d.servicePointId) },
    {
      id: 'state',
      header: v.kiosks.state,
      sortValue: (d) => (d.state === 'enrolled' ? (d.status?.online ? 0 : 1) : d.state === 'pending' ? 2 : 3),
      cell: (d) => <StateBadge device={d} />,
    },
    {
      id: 'lastSeen',
      header: v.kiosks.lastSeen,
      sortValue: (d) => (d.lastSeenAt ? Date.parse(d.lastSeenAt) : 0),
      firstDir: 'desc',
      cell: (d) => (d.lastSeenAt ? <span title={when(d.lastSeenAt, today)}>{span(now - Date.parse(d.lastSeenAt), v.kiosks.ago)}</span> : <span class="muted">—</span>),
    },
    {
      id: 'outbox',
      header: <span title={v.kiosks.outboxHint}>{v.kiosks.outbox}</span>,
      numeric: true,
      sortValue: (d) => d.status?.outbox ?? -1,
      firstDir: 'desc',
      cell: (d) => (d.status ? num(d.status.outbox) : '—'),
    },
    { id: 'oldest', header: v.kiosks.oldest, numeric: true, cell: (d) => (d.status && d.status.outbox > 0 ? span(d.status.oldestQueuedMs, v.kiosks.dur) : '—') },
    { id: 'version', header: v.kiosks.version, cell: (d) => d.status?.appVersion || '—' },
    {
      id: 'skew',
      header: v.kiosks.skew,
      numeric: true,
      cell: (d) =>
        d.status ? (
          Math.abs(d.status.skewMs) > SKEW_WARN_MS ? (
            <span class="error" title={v.kiosks.skewWarn}>
              ⚠ {skew(d.status.skewMs)}
            </span>
          ) : (
            skew(d.status.skewMs)
          )
        ) : (
          '—'
        ),
    },
    {
      id: 'actions',
      header: v.kiosks.actions,
      cell: (d) => (
        <div class="row-actions">
          <button type="button" class="btn btn-secondary" onClick={() => setEditing({ mode: 'edit', device: d })} aria-label={`${v.kiosks.edit}: ${d.name}`}>
            {v.kiosks.edit}
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => setPending({ kind: 'code', device: d })} aria-label={`${v.kiosks.newCode}: ${d.name}`}>
            {v.kiosks.newCode}
          </button>
          {d.state !== 'revoked' && (
            <button type="button" class="btn btn-danger" onClick={() => setPending({ kind: 'revoke', device: d })} aria-label={`${v.kiosks.revoke}: ${d.name}`}>
              {v.kiosks.revoke}
            </button>
          )}
        </div>
      ),
    },
  ];

  const sort = sortFromParams(params, SORT_COLUMNS);
  const ordered = sortedRows(columns, devices ?? [], sort, locale);
  const paged = usePage(ordered);

  async function act(p: NonNullable<Pending>) {
    setBusy(true);
    try {
      if (p.kind === 'code') {
        const code = await issueEnrolmentCode(p.device.id);
        setShown({ name: p.device.name, code });
        load();
      } else {
        replace(await revokeDevice(p.device.id));
        toasts.show(fill(v.kiosks.revoked, { name: p.device.name }));
      }
    } catch {
      toasts.show(v.kiosks.failed, 'error');
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  return (
    <div class="screen-stack kiosks-screen">
      {shown && <EnrolmentCard shown={shown} time={time} onDone={() => setShown(null)} />}
      {editing ? (
        <KioskForm
          key={editing.mode === 'edit' ? editing.device.id : 'new'}
          editing={editing}
          counters={counters}
          onCancel={() => setEditing(null)}
          onSaved={(d, code) => {
            replace(d);
            setEditing(null);
            if (code) setShown({ name: d.name, code });
            else toasts.show(fill(v.kiosks.saved, { name: d.name }));
          }}
        />
      ) : (
        <div class="screen-head kiosks-head">
          <h2 class="card-title">{v.kiosks.listTitle}</h2>
          <button type="button" class="btn" onClick={() => setEditing({ mode: 'create' })} data-testid="add-kiosk">
            {v.kiosks.add}
          </button>
        </div>
      )}
      <section class="card" aria-label={v.kiosks.listTitle}>
        <DataTable
          columns={columns}
          rows={paged.rows}
          rowKey={(d) => d.id}
          rowTestId={(d) => `kiosk-${d.id}`}
          state={loadError ? 'error' : devices ? 'ready' : 'loading'}
          emptyText={v.kiosks.empty}
          errorText={v.kiosks.loadFailed}
          onRetry={load}
          sort={sort}
          onSortChange={(next) => setParams(sortToParams(next), { replace: true })}
          scrollLabel={v.kiosks.listTitle}
        />
        <Pager {...paged} />
      </section>
      {devices && counters.length > 0 && <RatingModes counters={counters} canChange={user.role === 'admin'} onChanged={(c) => setCounters((l) => l.map((x) => (x.id === c.id ? c : x)))} />}
      {user.role === 'admin' && <KioskPin />}
      <ConfirmDialog
        open={pending?.kind === 'code'}
        title={pending ? fill(v.kiosks.newCodeTitle, { name: pending.device.name }) : ''}
        confirmLabel={v.kiosks.newCode}
        busy={busy}
        onConfirm={() => pending && void act(pending)}
        onCancel={() => setPending(null)}
      >
        <p>{v.kiosks.newCodeBody}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'revoke'}
        title={pending ? fill(v.kiosks.revokeTitle, { name: pending.device.name }) : ''}
        confirmLabel={v.kiosks.revoke}
        danger
        busy={busy}
        onConfirm={() => pending && void act(pending)}
        onCancel={() => setPending(null)}
      >
        <p>{v.kiosks.revokeBody}</p>
      </ConfirmDialog>
    </div>
  );
}

function StateBadge({ device: d }: { device: Device }) {
  const { v } = useViewSpeech(kiosksMessages);
  if (d.state !== 'enrolled') {
    const cls = d.state === 'pending' ? 'status-below' : 'status-no-data';
    return <span class={`badge ${cls}`}>{v.kiosks.states[d.state]}</span>;
  }
  if (!d.status) return <span class="badge status-no-data">{v.kiosks.never}</span>;
  return d.status.online ? (
    <span class="badge status-meets" data-testid="kiosk-online">
      <span class="badge-icon" aria-hidden="true">●</span> {v.kiosks.online}
    </span>
  ) : (
    <span class="badge status-significantly-below">
      <span class="badge-icon" aria-hidden="true">○</span> {v.kiosks.offline}
    </span>
  );
}

/** The one-time code, its link and QR: shown once, after a create or a new code. */
function EnrolmentCard({ shown, time, onDone }: { shown: NonNullable<Shown>; time: (iso: string) => string; onDone: () => void }) {
  const { v, fill } = useViewSpeech(kiosksMessages);
  const c = shown.code;
  return (
    <section class="card enrolment-card" role="alert" data-testid="kiosk-enrolment">
      <h2 class="card-title">{fill(v.kiosks.codeTitle, { name: shown.name })}</h2>
      <p>{v.kiosks.codeBody}</p>
      <div class="enrolment">
        {/* The SVG is drawn by our own server's QR library from the enrolment URL: markup, not script. */}
        {c.qrSvg && <div class="enrolment-qr" role="img" aria-label={v.kiosks.qr} dangerouslySetInnerHTML={{ __html: c.qrSvg }} />}
        <div>
          <p class="field-label">{v.kiosks.code}</p>
          <p class="enrolment-code" data-testid="kiosk-code">
            {c.code}
          </p>
          <p class="field-label">{v.kiosks.link}</p>
          <p class="enrolment-link">
            <a href={c.url} data-testid="kiosk-url">
              {c.url}
            </a>
          </p>
          <p class="muted">{fill(v.kiosks.expires, { time: time(c.expiresAt) })}</p>
        </div>
      </div>
      <button type="button" class="btn" onClick={onDone}>
        {v.kiosks.codeDone}
      </button>
    </section>
  );
}

interface FormProps {
  editing: NonNullable<Editing>;
  counters: ServicePoint[];
  onCancel: () => void;
  onSaved: (d: Device, code?: IssuedCode) => void;
}

/** Add a kiosk (counter, optional name) or rename / move one; keeps what was typed on an error. */
function KioskForm({ editing, counters, onCancel, onSaved }: FormProps) {
  const { m, v, fill, local } = useViewSpeech(kiosksMessages);
  const initial = editing.mode === 'edit' ? editing.device : null;
  const [name, setName] = useState(initial?.name ?? '');
  const [servicePointId, setServicePointId] = useState(initial?.servicePointId ?? '');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const open = counters.filter((c) => c.active !== false || c.id === initial?.servicePointId);

  async function submit(e: Event) {
    e.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      if (initial) {
        let d = initial;
        if (servicePointId !== initial.servicePointId) d = await moveDevice(initial.id, servicePointId);
        if (name.trim() !== initial.name) d = await renameDevice(initial.id, name);
        onSaved(d);
      } else {
        const r = await createDevice({ servicePointId, ...(name.trim() ? { name } : {}) });
        onSaved(r.device, r.enrolment);
      }
    } catch (err) {
      setProblem(problemOf(err, m.form, ['servicePointId', 'name']));
    } finally {
      setSaving(false);
    }
  }

  const f = problem?.fields ?? {};
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="kiosk-form-title" data-testid="kiosk-form">
      <h2 class="card-title" id="kiosk-form-title">
        {initial ? fill(v.kiosks.editTitle, { name: initial.name }) : v.kiosks.createTitle}
      </h2>
      {!initial && <p class="form-intro">{v.kiosks.createIntro}</p>}
      <FormProblemNotice problem={problem} />
      <div class="form-two">
        <FormField id="kiosk-counter" label={v.kiosks.counter} hint={initial ? v.kiosks.moveHint : undefined} required error={f.servicePointId}>
          {(a) => (
            <select {...a} value={servicePointId} onChange={(e) => setServicePointId(e.currentTarget.value)}>
              <option value="">{v.kiosks.counterNone}</option>
              {open.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.code} · {local(c.name)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="kiosk-name" label={v.kiosks.name} hint={initial ? undefined : v.kiosks.nameHint} required={!!initial} error={f.name}>
          {(a) => <input {...a} type="text" value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} />}
        </FormField>
        <div class="form-actions">
          <button type="submit" class="btn" disabled={saving}>
            {saving ? (initial ? v.kiosks.saving : v.kiosks.creating) : initial ? v.kiosks.save : v.kiosks.create}
          </button>
          <button type="button" class="btn btn-secondary" onClick={onCancel}>
            {v.kiosks.cancel}
          </button>
        </div>
      </div>
    </form>
  );
}

/** Each counter's rating mode: always, or only after the service opens a rating. */
function RatingModes({ counters, canChange, onChanged }: { counters: ServicePoint[]; canChange: boolean; onChanged: (c: ServicePoint) => void }) {
  const { v, fill, local } = useViewSpeech(kiosksMessages);
  const toasts = useToasts();
  const [saving, setSaving] = useState<string | null>(null);
  async function change(c: ServicePoint, mode: 'always' | 'after-service') {
    setSaving(c.id);
    try {
      onChanged(await setRatingMode(c.id, mode));
      toasts.show(fill(v.kiosks.modeSaved, { code: c.code, mode: v.kiosks.modes[mode] }));
    } catch {
      toasts.show(v.kiosks.failed, 'error');
    } finally {
      setSaving(null);
    }
  }
  return (
    <section class="card" aria-labelledby="modes-title">
      <h2 class="card-title" id="modes-title">
        {v.kiosks.modesTitle}
      </h2>
      <p class="muted form-intro">{v.kiosks.modesIntro}</p>
      {!canChange && <p class="muted small">{v.kiosks.modeAdminOnly}</p>}
      <ul class="modes-list">
        {counters
          .filter((c) => c.active !== false)
          .sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }))
          .map((c) => (
            <li key={c.id}>
              <label for={`mode-${c.id}`}>
                <span class="strong">{c.code}</span> · {local(c.name)}
              </label>
              <select
                id={`mode-${c.id}`}
                value={c.ratingMode ?? 'always'}
                disabled={!canChange || saving === c.id}
                onChange={(e) => void change(c, e.currentTarget.value as 'always' | 'after-service')}
              >
                <option value="always">{v.kiosks.modes.always}</option>
                <option value="after-service">{v.kiosks.modes['after-service']}</option>
              </select>
            </li>
          ))}
      </ul>
    </section>
  );
}

/** The office's kiosk PIN (admins): set or remove; never shown. */
function KioskPin() {
  const { m, v } = useViewSpeech(kiosksMessages);
  const { organisation } = useAppData();
  const store = useAppStore();
  const toasts = useToasts();
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [isSet, setIsSet] = useState(!!organisation.kioskPinSet);

  async function save(next: string | null) {
    setSaving(true);
    setProblem(null);
    try {
      const org = await updateOrganisation({ kioskPin: next });
      setIsSet(!!org.kioskPinSet);
      setPin('');
      toasts.show(next ? v.kiosks.pinSaved : v.kiosks.pinRemoved);
      store.reload();
    } catch (err) {
      setProblem(problemOf(err, m.form, ['kioskPin']));
    } finally {
      setSaving(false);
      setConfirmRemove(false);
    }
  }
  const f = problem?.fields ?? {};
  return (
    <form
      class="card"
      noValidate
      aria-labelledby="pin-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save(pin);
      }}
    >
      <h2 class="card-title" id="pin-title">
        {v.kiosks.pinTitle}
      </h2>
      <p class="muted form-intro">{v.kiosks.pinIntro}</p>
      <p class="form-intro" data-testid="pin-state">
        {isSet ? `✓ ${v.kiosks.pinSet}` : v.kiosks.pinNotSet}
      </p>
      <FormProblemNotice problem={problem} />
      <div class="form-two">
        <FormField id="kiosk-pin" label={v.kiosks.pin} error={f.kioskPin}>
          {(a) => <input {...a} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pin} onInput={(e) => setPin(e.currentTarget.value)} />}
        </FormField>
        <div class="form-actions">
          <button type="submit" class="btn" disabled={saving}>
            {v.kiosks.pinSave}
          </button>
          {isSet && (
            <button type="button" class="btn btn-secondary" onClick={() => setConfirmRemove(true)}>
              {v.kiosks.pinRemove}
            </button>
          )}
        </div>
      </div>
      <ConfirmDialog open={confirmRemove} title={v.kiosks.pinRemoveTitle} confirmLabel={v.kiosks.pinRemove} danger busy={saving} onConfirm={() => void save(null)} onCancel={() => setConfirmRemove(false)}>
        <p>{v.kiosks.pinRemoveBody}</p>
      </ConfirmDialog>
    </form>
  );
}
