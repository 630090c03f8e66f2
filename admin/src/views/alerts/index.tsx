/**
 * Alerts: the open and acknowledged ones, live over the dashboard socket,
 * and the history of resolved ones (paged), with filters kept in the
 * address (state, kind, unit, counter, period opened). Acknowledge or
 * resolve with a note (who and when are kept, shown and audited by the
 * server). Beside each alert, its scope's figures now; the officer named
 * where there is one. An alert keeps its place when acknowledged; a resolved
 * one leaves a "moved to history" line in its place and appears in History.
 * A unit head's lists are cut to their unit by the server.
 */
import './styles.css';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { acknowledgeAlert, listAlerts, resolveAlert } from '../../api/alerts';
import { localDay } from '../../dates';
import { useViewSpeech } from '../../i18n';
import { useAppData } from '../../store';
import type { AlertFigures, AlertsQuery, AlertView } from '../../types';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { FilterBar, useFilterOptions } from '../../ui/filter-bar';
import { filtersFromParams, filtersToParams, type Filters } from '../../ui/filters';
import { problemOf } from '../../ui/form-errors';
import { FormField } from '../../ui/form-field';
import { PeriodPicker } from '../../ui/period-picker';
import { periodFromParams, periodToParams, rangeOf } from '../../ui/period-range';
import { useToasts } from '../../ui/toasts';
import type { ViewProps } from '../view';
import { alertsMessages } from './messages';
import { applyToActive, applyToHistory, type AlertEntry } from './model';
import { AlertCard, type AlertAction } from './parts/alert-card';

const ACTIVE_STATES = ['active', 'open', 'acknowledged'] as const;
type ActiveState = (typeof ACTIVE_STATES)[number];
const RULE_KEYS = ['low-satisfaction', 'low-rating-comment', 'kiosk-silent', 'burst', 'suspicious-top-ratings'] as const;
type RuleKey = (typeof RULE_KEYS)[number];
const HISTORY_PAGE = 20;
const DIMS = ['unitId', 'servicePointId'] as const;

export default function AlertsView({ live, params, setParams }: ViewProps) {
  const s = useViewSpeech(alertsMessages);
  const { v, m, local } = s;
  const c = v.alerts;
  const { units, organisation } = useAppData();
  const options = useFilterOptions();
  const toasts = useToasts();

  // ---- the filters, from the address --------------------------------------
  const state: ActiveState = (ACTIVE_STATES as readonly string[]).includes(params.state ?? '') ? (params.state as ActiveState) : 'active';
  const rule = (RULE_KEYS as readonly string[]).includes(params.rule ?? '') ? (params.rule as RuleKey) : undefined;
  const filters: Filters = filtersFromParams(params);
  const byPeriod = !!params.period;
  const period = periodFromParams(params);
  const range = byPeriod ? rangeOf(period) : null;
  const base: AlertsQuery = { rule, unitId: filters.unitId, servicePointId: filters.servicePointId, from: range?.from, to: range?.to, figures: 'true' };
  const key = JSON.stringify(base);

  // ---- the lists ----------------------------------------------------------
  const [active, setActive] = useState<AlertEntry[] | null>(null);
  const [history, setHistory] = useState<AlertView[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [figures, setFigures] = useState<Record<string, AlertFigures>>({});
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [failed, setFailed] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const keyRef = useRef(key);
  keyRef.current = key;

  useEffect(() => {
    let current = true;
    setActive(null);
    setHistory(null);
    setFailed(false);
    Promise.all([listAlerts({ ...base, state: 'active', limit: 200 }), listAlerts({ ...base, state: 'resolved', limit: HISTORY_PAGE })]).then(
      ([a, h]) => {
        if (!current) return;
        setActive(a.items.map((alert) => ({ alert, moved: false })));
        setHistory(h.items);
        setNext(h.next);
        setFigures({ ...a.figures, ...h.figures });
        setFresh(new Set());
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const more = () => {
    if (next === null) return;
    setLoadingMore(true);
    listAlerts({ ...base, state: 'resolved', limit: HISTORY_PAGE, offset: next })
      .then(
        (h) => {
          setHistory((cur) => [...(cur ?? []), ...h.items.filter((x) => !(cur ?? []).some((y) => y.id === x.id))]);
          setNext(h.next);
          setFigures((f) => ({ ...f, ...h.figures }));
        },
        () => toasts.show(c.loadFailed, 'error'),
      )
      .finally(() => setLoadingMore(false));
  };

  /** Does an alert belong in these lists? (The server cut it to the user's unit already.) */
  const fits = (a: AlertView): boolean => {
    if (rule && a.rule !== rule) return false;
    if (filters.unitId && a.unitId !== filters.unitId) return false;
    if (filters.servicePointId && a.servicePointId !== filters.servicePointId) return false;
    if (range) {
      const day = localDay(Date.parse(a.openedAt));
      if (day < range.from || day > range.to) return false;
    }
    return true;
  };
  /** One change, from the socket or an action's answer: in place, never reordered; resolved ones join History. */
  const apply = (a: AlertView) => {
    if (!fits(a)) return;
    setActive((cur) => (cur ? applyToActive(cur, a) : cur));
    if (a.state === 'resolved') {
      setHistory((cur) => (cur ? applyToHistory(cur, a) : cur));
      setFresh((f) => new Set(f).add(a.id));
    }
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;

  // A new alert has no figures yet: read the list again shortly (one read for a burst of them).
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const offChange = live.on('alert:changed', ({ alert }) => {
      applyRef.current(alert);
      if (alert.state === 'open' && alert.version === 1) {
        if (refetchTimer.current) clearTimeout(refetchTimer.current);
        const at = keyRef.current;
        refetchTimer.current = setTimeout(() => {
          listAlerts({ ...(JSON.parse(at) as AlertsQuery), state: 'active', limit: 200 }).then(
            (r) => at === keyRef.current && setFigures((f) => ({ ...f, ...r.figures })),
            () => undefined,
          );
        }, 800);
      }
    });
    const offResync = live.on('resync', () => setGeneration((g) => g + 1));
    return () => {
      offChange();
      offResync();
      if (refetchTimer.current) clearTimeout(refetchTimer.current);
    };
  }, [live]);

  // ---- names for the figures line -----------------------------------------
  const names = useMemo(() => {
    const n = new Map<string, string>();
    for (const u of units) n.set(`unit:${u.id}`, local(u.name));
    for (const sp of options?.servicePoints ?? []) n.set(`sp:${sp.id}`, `${local(sp.name)} (${sp.code})`);
    for (const o of options?.officers ?? []) n.set(`officer:${o.id}`, o.name);
    return n;
  }, [units, options, s.locale]);
  const scopeName = (scope: AlertFigures['scope']) =>
    // Counters and units name themselves ("Quầy T1", "Phòng A"); an officer's name needs saying what it is.
    scope.kind === 'org'
      ? local(organisation.name)
      : scope.kind === 'officer'
        ? `${c.scopeKinds.officer} ${names.get(`officer:${scope.id}`) ?? scope.id}`
        : (names.get(`${scope.kind}:${scope.id}`) ?? `${c.scopeKinds[scope.kind]} ${scope.id}`);

  // ---- acknowledge / resolve with a note ----------------------------------
  const [dialog, setDialog] = useState<{ alert: AlertView; action: AlertAction } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const open = (alert: AlertView, action: AlertAction) => {
    setDialog({ alert, action });
    setNote('');
    setProblem(null);
  };
  const confirm = async () => {
    if (!dialog) return;
    setBusy(true);
    setProblem(null);
    try {
      const text = note.trim() || undefined;
      const updated = await (dialog.action === 'ack' ? acknowledgeAlert(dialog.alert.id, text) : resolveAlert(dialog.alert.id, text));
      apply(updated);
      toasts.show(c.saved[dialog.action]);
      setDialog(null);
    } catch (err) {
      const p = problemOf(err, m.form, ['note']);
      setProblem(p.fields.note?.text ?? p.form ?? c.actionFailed);
    } finally {
      setBusy(false);
    }
  };

  /** The address is the router's (#/alerts?…): jump to the alert in History by focus, not by a #fragment. */
  const showHistory = (id: string) => {
    const card = document.querySelector<HTMLElement>(`[data-testid=alerts-history] [data-id="${CSS.escape(id)}"]`);
    const target = card ?? document.getElementById('al-history-title');
    target?.scrollIntoView({ block: 'center' });
    (document.getElementById('al-history-title') as HTMLElement | null)?.focus({ preventScroll: true });
  };

  const shown = (active ?? []).filter((e) => e.moved || state === 'active' || e.alert.state === state);

  return (
    <div class="screen-stack alerts-screen">
      <p class="al-intro">{c.intro}</p>
      <section class="card al-controls" aria-label={c.filters}>
        <span class="filter">
          <label for="al-state" class="field-label">
            {c.stateLabel}
          </label>
          <select id="al-state" value={state} onChange={(e) => setParams({ state: e.currentTarget.value === 'active' ? undefined : e.currentTarget.value }, { replace: true })}>
            {ACTIVE_STATES.map((x) => (
              <option key={x} value={x}>
                {c.states[x]}
              </option>
            ))}
          </select>
        </span>
        <span class="filter">
          <label for="al-rule" class="field-label">
            {c.ruleLabel}
          </label>
          <select id="al-rule" value={rule ?? ''} onChange={(e) => setParams({ rule: e.currentTarget.value || undefined }, { replace: true })}>
            <option value="">{c.anyRule}</option>
            {RULE_KEYS.map((r) => (
              <option key={r} value={r}>
                {c.rules[r]}
              </option>
            ))}
          </select>
        </span>
        <FilterBar id="al-filter" value={filters} dims={DIMS} onChange={(f: Filters) => setParams({ ...filtersToParams(f) }, { replace: true })} />
        <span class="filter">
          <label for="al-when" class="field-label">
            {c.periodLabel}
          </label>
          <select id="al-when" value={byPeriod ? 'period' : ''} onChange={(e) => setParams(e.currentTarget.value ? { period: 'month' } : { period: undefined, from: undefined, to: undefined }, { replace: true })}>
            <option value="">{c.anyPeriod}</option>
            <option value="period">{c.byPeriod}</option>
          </select>
        </span>
        {byPeriod && <PeriodPicker id="al-period" value={period} onChange={(sel) => setParams(periodToParams(sel), { replace: true })} />}
      </section>

      {failed ? (
        <div class="notice error" role="alert">
          {c.loadFailed}{' '}
          <button type="button" class="btn btn-secondary" onClick={() => setGeneration((g) => g + 1)}>
            {c.retry}
          </button>
        </div>
      ) : (
        <div class="al-columns">
          <section aria-labelledby="al-live-title" class="al-section">
            <h2 id="al-live-title" class="al-title">
              {c.liveTitle}
              {active && <span class="count-pill">{shown.filter((e) => !e.moved).length}</span>}
            </h2>
            {!active ? (
              <p class="loading">{m.loading}</p>
            ) : shown.length === 0 ? (
              <p class="card muted">{c.liveEmpty}</p>
            ) : (
              <ul class="al-list" data-testid="alerts-live">
                {shown.map((e) =>
                  e.moved ? (
                    <li key={e.alert.id} class="al-moved" data-testid="alert-moved" data-id={e.alert.id} role="status">
                      {s.fill(c.movedToHistory, { rule: c.rules[e.alert.rule] })}{' '}
                      <button type="button" class="al-link" onClick={() => showHistory(e.alert.id)}>
                        {c.seeHistory}
                      </button>
                    </li>
                  ) : (
                    <AlertCard key={e.alert.id} alert={e.alert} figures={figures[e.alert.id]} scopeName={scopeName} onAction={open} />
                  ),
                )}
              </ul>
            )}
          </section>
          <section aria-labelledby="al-history-title" class="al-section">
            <h2 id="al-history-title" class="al-title" tabIndex={-1}>
              {c.historyTitle}
            </h2>
            {!history ? (
              <p class="loading">{m.loading}</p>
            ) : history.length === 0 ? (
              <p class="card muted">{c.historyEmpty}</p>
            ) : (
              <ul class="al-list" data-testid="alerts-history">
                {history.map((a) => (
                  <AlertCard key={a.id} alert={a} figures={figures[a.id]} scopeName={scopeName} fresh={fresh.has(a.id)} />
                ))}
              </ul>
            )}
            {history && next !== null && (
              <button type="button" class="btn btn-secondary al-more" disabled={loadingMore} onClick={more} data-testid="alerts-more">
                {loadingMore ? c.loadingMore : c.more}
              </button>
            )}
          </section>
        </div>
      )}

      <ConfirmDialog
        open={!!dialog}
        title={dialog ? (dialog.action === 'ack' ? c.ackTitle : c.resolveTitle) : ''}
        confirmLabel={busy ? c.working : dialog?.action === 'ack' ? c.ack : c.resolve}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setDialog(null)}
      >
        {dialog && (
          <>
            <p>
              <strong>{c.rules[dialog.alert.rule]}</strong> — {local(dialog.alert.message)}
            </p>
            <FormField id="al-note" label={c.noteLabel} hint={dialog.action === 'ack' ? c.ackHint : c.resolveHint} error={problem ? { text: problem } : undefined}>
              {(a) => <textarea {...a} rows={3} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} data-testid="alert-note" />}
            </FormField>
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}
