/**
 * Duty roster (every role; a unit head sees and sets their unit's counters,
 * the server enforcing it): who is on duty at each counter, set from the
 * counter's row (officers of the counter's unit only), and each counter's
 * history of changes — from, to, who set it — as the server keeps it.
 */
import './styles.css';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { useAppData } from '../../store';
import type { ViewProps } from '../view';
import { dutyMessages } from './messages';
import { dutyHistory, listServicePoints, setOfficerOnDuty } from '../../api/service-points';
import { listOfficers } from '../../api/officers';
import type { DutyPeriod, Officer, ServicePoint } from '../../types';
import { DataTable, sortedRows, type Column } from '../../ui/data-table';
import { sortFromParams, sortToParams } from '../../ui/table-sort';
import { useToasts } from '../../ui/toasts';

const SORT_COLUMNS = ['counter', 'unit', 'onDuty'];

export default function DutyView({ params, setParams }: ViewProps) {
  const s = useViewSpeech(dutyMessages);
  const { v, fill, local, locale } = s;
  const { units } = useAppData();
  const toasts = useToasts();
  const [counters, setCounters] = useState<ServicePoint[] | null>(null);
  const [officers, setOfficers] = useState<Officer[]>([]);
  const [failed, setFailed] = useState(false);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<ServicePoint | null>(null);
  const [historyTick, setHistoryTick] = useState(0);

  const load = useCallback(() => {
    setFailed(false);
    Promise.all([listServicePoints(), listOfficers()]).then(
      ([sp, of]) => {
        setCounters(sp.items.filter((c) => c.active !== false));
        setOfficers(of.items);
      },
      () => setFailed(true),
    );
  }, []);
  useEffect(load, [load]);

  const officerName = (id: string | null) => (id ? officers.find((o) => o.id === id)?.name ?? v.duty.unknownOfficer : v.duty.nobody);
  const unitName = (id: string) => {
    const u = units.find((x) => x.id === id);
    return u ? local(u.name) : id;
  };
  const chosen = (c: ServicePoint) => choice[c.id] ?? c.officerOnDutyId ?? '';

  async function save(c: ServicePoint, officerId: string | null = chosen(c) || null) {
    setSaving(c.id);
    try {
      const next = await setOfficerOnDuty(c.id, officerId);
      setCounters((l) => l && l.map((x) => (x.id === next.id ? next : x)));
      setChoice(({ [c.id]: _, ...rest }) => rest);
      toasts.show(officerId ? fill(v.duty.saved, { code: c.code, name: officerName(officerId) }) : fill(v.duty.savedNobody, { code: c.code }));
      setHistoryTick((t) => t + 1);
    } catch {
      toasts.show(v.duty.failed, 'error');
    } finally {
      setSaving(null);
    }
  }

  const columns: Column<ServicePoint>[] = [
    { id: 'counter', header: v.duty.counter, rowHeader: true, sortValue: (c) => c.code, cell: (c) => <><span class="strong">{c.code}</span> · {local(c.name)}</> },
    { id: 'unit', header: v.duty.unit, sortValue: (c) => unitName(c.unitId), cell: (c) => unitName(c.unitId) },
    {
      id: 'onDuty',
      header: v.duty.onDuty,
      sortValue: (c) => officerName(c.officerOnDutyId),
      cellTestId: 'on-duty',
      cell: (c) => (c.officerOnDutyId ? officerName(c.officerOnDutyId) : <span class="muted">{v.duty.nobody}</span>),
    },
    {
      id: 'actions',
      header: v.duty.actions,
      cell: (c) => {
        const mine = officers.filter((o) => o.unitId === c.unitId && (o.active || o.id === c.officerOnDutyId));
        const changed = chosen(c) !== (c.officerOnDutyId ?? '');
        return (
          <div class="duty-actions">
            <select aria-label={fill(v.duty.choose, { code: c.code })} value={chosen(c)} onChange={(e) => setChoice((x) => ({ ...x, [c.id]: e.currentTarget.value }))}>
              <option value="">{v.duty.nobody}</option>
              {mine.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            <button type="button" class="btn" disabled={!changed || saving === c.id} onClick={() => void save(c)} aria-label={fill(v.duty.setLabel, { code: c.code })}>
              {v.duty.set}
            </button>
            <button
              type="button"
              class="btn btn-secondary"
              aria-expanded={historyOf?.id === c.id}
              onClick={() => setHistoryOf(historyOf?.id === c.id ? null : c)}
              aria-label={fill(v.duty.historyLabel, { code: c.code })}
            >
              {v.duty.history}
            </button>
            {mine.length === 0 && <span class="muted small">{v.duty.noOfficers}</span>}
          </div>
        );
      },
    },
  ];

  const sort = sortFromParams(params, SORT_COLUMNS);
  const ordered = sortedRows(columns, counters ?? [], sort ?? { column: 'counter', dir: 'asc' }, locale);

  return (
    <div class="duty-screen">
      <p class="duty-intro">{v.duty.intro}</p>
      <section class="card" aria-label={v.duty.listTitle}>
        <DataTable
          columns={columns}
          rows={ordered}
          rowKey={(c) => c.id}
          rowTestId={(c) => `duty-${c.code}`}
          state={failed ? 'error' : counters ? 'ready' : 'loading'}
          emptyText={v.duty.empty}
          errorText={v.duty.loadFailed}
          onRetry={load}
          sort={sort}
          onSortChange={(next) => setParams(sortToParams(next), { replace: true })}
          scrollLabel={v.duty.listTitle}
        />
      </section>
      {counters && officers.length > 0 && (
        <ByOfficer
          officers={officers.filter((o) => o.active)}
          counters={counters}
          saving={saving}
          onPut={(c, o) => void save(c, o.id)}
          counterLabel={(c) => `${c.code} · ${local(c.name)}`}
          unitName={unitName}
        />
      )}
      {historyOf && <History key={`${historyOf.id}-${historyTick}`} counter={historyOf} officerName={officerName} onClose={() => setHistoryOf(null)} />}
    </div>
  );
}

/** The same roster from the officers' side: each officer's counter (their unit's counters only). */
function ByOfficer(p: {
  officers: Officer[];
  counters: ServicePoint[];
  saving: string | null;
  onPut: (c: ServicePoint, o: Officer) => void;
  counterLabel: (c: ServicePoint) => string;
  unitName: (id: string) => string;
}) {
  const { v, fill } = useViewSpeech(dutyMessages);
  const [pick, setPick] = useState<Record<string, string>>({});
  const columns: Column<Officer>[] = [
    { id: 'officer', header: v.duty.officer, rowHeader: true, cell: (o) => o.name },
    { id: 'unit', header: v.duty.unit, cell: (o) => p.unitName(o.unitId) },
    {
      id: 'at',
      header: v.duty.servesAt,
      cell: (o) => {
        const at = p.counters.filter((c) => c.officerOnDutyId === o.id);
        return at.length ? at.map(p.counterLabel).join(', ') : <span class="muted">{v.duty.nowhere}</span>;
      },
    },
    {
      id: 'actions',
      header: v.duty.actions,
      cell: (o) => {
        const mine = p.counters.filter((c) => c.unitId === o.unitId);
        const chosenId = pick[o.id] ?? '';
        const c = mine.find((x) => x.id === chosenId);
        return (
          <div class="duty-actions">
            <select aria-label={fill(v.duty.chooseCounter, { name: o.name })} value={chosenId} onChange={(e) => setPick((x) => ({ ...x, [o.id]: e.currentTarget.value }))}>
              <option value="">{v.duty.pickCounter}</option>
              {mine.map((x) => (
                <option key={x.id} value={x.id}>
                  {p.counterLabel(x)}
                </option>
              ))}
            </select>
            <button type="button" class="btn" disabled={!c || c.officerOnDutyId === o.id || p.saving === c.id} onClick={() => c && p.onPut(c, o)} aria-label={fill(v.duty.putAtLabel, { name: o.name })}>
              {v.duty.putAt}
            </button>
          </div>
        );
      },
    },
  ];
  return (
    <section class="card" aria-labelledby="by-officer-title">
      <h2 class="card-title" id="by-officer-title">
        {v.duty.byOfficerTitle}
      </h2>
      <p class="muted duty-intro">{v.duty.byOfficerIntro}</p>
      <DataTable columns={columns} rows={p.officers} rowKey={(o) => o.id} rowTestId={(o) => `officer-${o.name}`} scrollLabel={v.duty.byOfficerTitle} />
    </section>
  );
}

/** A counter's duty periods, newest first. */
function History({ counter, officerName, onClose }: { counter: ServicePoint; officerName: (id: string | null) => string; onClose: () => void }) {
  const { v, fill, when, locale } = useViewSpeech(dutyMessages);
  const [items, setItems] = useState<DutyPeriod[] | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(() => {
    setFailed(false);
    dutyHistory(counter.id).then(
      (r) => setItems(r.items),
      () => setFailed(true),
    );
  }, [counter.id]);
  useEffect(load, [load]);
  const today = new Date().toISOString().slice(0, 10);
  const at = (iso: string) => (Date.parse(iso) <= 0 ? v.duty.beforeRoster : when(iso, today));
  const columns: Column<DutyPeriod>[] = [
    { id: 'officer', header: v.duty.officer, rowHeader: true, cell: (p) => officerName(p.officerId) },
    { id: 'from', header: v.duty.from, cell: (p) => at(p.from) },
    { id: 'to', header: v.duty.to, cell: (p) => (p.to ? at(p.to) : <span class="strong">{v.duty.still}</span>) },
    { id: 'setBy', header: v.duty.setBy, cell: (p) => (p.setBy === 'system' ? v.duty.system : p.setBy) },
  ];
  return (
    <section class="card" aria-labelledby="duty-history-title" data-testid="duty-history" lang={locale}>
      <div class="duty-history-head">
        <h2 class="card-title" id="duty-history-title">
          {fill(v.duty.historyTitle, { code: counter.code })}
        </h2>
        <button type="button" class="btn btn-secondary" onClick={onClose}>
          {v.duty.close}
        </button>
      </div>
      <DataTable
        columns={columns}
        rows={items ?? []}
        rowKey={(p) => `${p.from}-${p.officerId ?? ''}`}
        state={failed ? 'error' : items ? 'ready' : 'loading'}
        emptyText={v.duty.historyEmpty}
        errorText={v.duty.historyFailed}
        onRetry={load}
      />
    </section>
  );
}
