/**
 * Integrations (admins): integration keys for the one-stop software (the key
 * shown once on creation, the list, revoke confirmed), the alert webhook (URL,
 * signing secret, which changes are sent, "send a test event" from
 * ../alert-rules/parts/webhook-test.tsx) and the office's webhook delivery log with
 * each delivery's tries and retry state.
 */
import './styles.css';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import type { ViewProps } from '../view';
import { integrationsMessages } from './messages';
import { WebhookTest } from '../alert-rules/parts/webhook-test';
import { createIntegrationKey, listIntegrationKeys, revokeIntegrationKey } from '../../api/integration-keys';
import { getAlertRules, listWebhookDeliveries, updateAlertRules } from '../../api/alerts';
import type { AlertRulesInput, CreatedIntegrationKey, IntegrationKey, PublicAlertRules, WebhookDelivery } from '../../types';
import { DataTable, loadedRows, sortedRows, type Column } from '../../ui/data-table';
import { sortFromParams, sortToParams } from '../../ui/table-sort';
import { FormField, FormProblemNotice } from '../../ui/form-field';
import { problemOf, type FormProblem } from '../../ui/form-errors';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { useToasts } from '../../ui/toasts';

const KEY_SORT = ['name', 'createdAt', 'lastUsed', 'state'];
const EVENTS = ['opened', 'acknowledged', 'resolved'] as const;
type Event_ = (typeof EVENTS)[number];

const todayOf = () => new Date().toISOString().slice(0, 10);

export default function IntegrationsView(props: ViewProps) {
  // A test event sent from the webhook card is a delivery: the log below reloads to show it.
  const [logRefresh, setLogRefresh] = useState(0);
  return (
    <div class="integrations-screen">
      <Keys {...props} />
      <Webhook canChange={props.user.role === 'admin'} onTestSent={() => setLogRefresh((n) => n + 1)} />
      <DeliveryLog refresh={logRefresh} />
    </div>
  );
}

function Keys({ params, setParams }: ViewProps) {
  const { m, v, fill, when, locale } = useViewSpeech(integrationsMessages);
  const toasts = useToasts();
  const [keys, setKeys] = useState<IntegrationKey[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const [shown, setShown] = useState<CreatedIntegrationKey | null>(null);
  const [pending, setPending] = useState<IntegrationKey | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setFailed(false);
    listIntegrationKeys().then(
      (r) => setKeys(r.items),
      () => setFailed(true),
    );
  }, []);
  useEffect(load, [load]);
  const today = todayOf();

  async function create(e: Event) {
    e.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      const k = await createIntegrationKey(name);
      const { key: _secret, ...record } = k;
      setKeys((l) => [record, ...(l ?? [])]);
      setShown(k);
      setName('');
      toasts.show(fill(v.integrations.created, { name: k.name }));
    } catch (err) {
      setProblem(problemOf(err, m.form, ['name']));
    } finally {
      setSaving(false);
    }
  }

  async function revoke(k: IntegrationKey) {
    setBusy(true);
    try {
      const next = await revokeIntegrationKey(k.id);
      setKeys((l) => l && l.map((x) => (x.id === next.id ? next : x)));
      toasts.show(fill(v.integrations.revokedToast, { name: k.name }));
    } catch {
      toasts.show(v.integrations.failed, 'error');
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  const columns: Column<IntegrationKey>[] = [
    { id: 'name', header: v.integrations.name, rowHeader: true, sortValue: (k) => k.name, cell: (k) => k.name },
    { id: 'prefix', header: v.integrations.prefix, cell: (k) => <code>{k.prefix}…</code> },
    { id: 'createdAt', header: v.integrations.createdAt, sortValue: (k) => k.createdAt, firstDir: 'desc', cell: (k) => when(k.createdAt, today) },
    { id: 'createdBy', header: v.integrations.createdBy, cell: (k) => k.createdBy },
    { id: 'lastUsed', header: v.integrations.lastUsed, sortValue: (k) => k.lastUsedAt ?? '', firstDir: 'desc', cell: (k) => (k.lastUsedAt ? when(k.lastUsedAt, today) : <span class="muted">{v.integrations.never}</span>) },
    {
      id: 'state',
      header: v.integrations.state,
      sortValue: (k) => (k.revokedAt ? 1 : 0),
      cell: (k) => <span class={`badge ${k.revokedAt ? 'status-no-data' : 'status-meets'}`}>{k.revokedAt ? v.integrations.revoked : v.integrations.active}</span>,
    },
    {
      id: 'actions',
      header: v.integrations.actions,
      cell: (k) =>
        !k.revokedAt && (
          <button type="button" class="btn btn-danger btn-small" onClick={() => setPending(k)} aria-label={`${v.integrations.revoke}: ${k.name}`}>
            {v.integrations.revoke}
          </button>
        ),
    },
  ];
  const sort = sortFromParams(params, KEY_SORT);
  const rows = sortedRows(columns, keys ?? [], sort, locale);
  const f = problem?.fields ?? {};

  return (
    <section class="card" aria-labelledby="keys-title">
      <h2 class="card-title" id="keys-title">
        {v.integrations.keysTitle}
      </h2>
      <p class="section-intro">{v.integrations.keysIntro}</p>
      {shown && (
        <div class="notice shown-once" role="alert" data-testid="key-shown-once">
          <p class="strong">{fill(v.integrations.shownOnceTitle, { name: shown.name })}</p>
          <p>{v.integrations.shownOnceBody}</p>
          <p>
            <code class="secret-value" data-testid="integration-key">
              {shown.key}
            </code>
          </p>
          <button type="button" class="btn" onClick={() => setShown(null)}>
            {v.integrations.copied}
          </button>
        </div>
      )}
      <form class="inline-form" onSubmit={create} noValidate data-testid="key-form">
        <FormProblemNotice problem={problem} />
        <FormField id="key-name" label={v.integrations.keyName} hint={v.integrations.keyNameHint} required error={f.name}>
          {(a) => <input {...a} type="text" maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </FormField>
        <button type="submit" class="btn" disabled={saving}>
          {saving ? v.integrations.creating : v.integrations.create}
        </button>
      </form>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(k) => k.id}
        rowTestId={(k) => `key-${k.name}`}
        state={failed ? 'error' : keys ? 'ready' : 'loading'}
        emptyText={v.integrations.keysEmpty}
        errorText={v.integrations.keysFailed}
        onRetry={load}
        sort={sort}
        onSortChange={(next) => setParams(sortToParams(next), { replace: true })}
        scrollLabel={v.integrations.keysTitle}
      />
      <ConfirmDialog
        open={!!pending}
        title={pending ? fill(v.integrations.revokeTitle, { name: pending.name }) : ''}
        confirmLabel={v.integrations.revoke}
        danger
        busy={busy}
        onConfirm={() => pending && void revoke(pending)}
        onCancel={() => setPending(null)}
      >
        <p>{v.integrations.revokeBody}</p>
      </ConfirmDialog>
    </section>
  );
}

/** The webhook part of the alert rules: saved with the other rules unchanged. */
function Webhook({ canChange, onTestSent }: { canChange: boolean; onTestSent: () => void }) {
  const { m, v } = useViewSpeech(integrationsMessages);
  const toasts = useToasts();
  const [rules, setRules] = useState<PublicAlertRules | null>(null);
  const [failed, setFailed] = useState(false);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [events, setEvents] = useState<Event_[]>([...EVENTS]);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);

  const take = (r: PublicAlertRules) => {
    setRules(r);
    setUrl(r.webhook.url ?? '');
    setEvents(r.webhook.events);
  };
  const load = useCallback(() => {
    setFailed(false);
    getAlertRules().then(take, () => setFailed(true));
  }, []);
  useEffect(load, [load]);

  async function save(e: Event) {
    e.preventDefault();
    if (!rules) return;
    setSaving(true);
    setProblem(null);
    const { webhook: _current, ...others } = rules;
    const input: AlertRulesInput = { ...others, webhook: { url: url.trim() || null, events, ...(secret ? { secret } : {}) } };
    try {
      take(await updateAlertRules(input));
      setSecret('');
      toasts.show(v.integrations.saved);
    } catch (err) {
      setProblem(problemOf(err, m.form, ['webhook.url', 'webhook.secret', 'webhook.events']));
    } finally {
      setSaving(false);
    }
  }

  const f = problem?.fields ?? {};
  return (
    <form class="card" onSubmit={save} noValidate aria-labelledby="webhook-title" data-testid="webhook-form">
      <h2 class="card-title" id="webhook-title">
        {v.integrations.webhookTitle}
      </h2>
      <p class="section-intro">{v.integrations.webhookIntro}</p>
      {failed ? (
        <div class="notice error" role="alert">
          {v.integrations.webhookFailed}{' '}
          <button type="button" class="btn btn-secondary" onClick={load}>
            {v.integrations.refresh}
          </button>
        </div>
      ) : !rules ? (
        <p class="loading">{m.loading}</p>
      ) : (
        <>
          {!canChange && <p class="muted">{v.integrations.adminOnly}</p>}
          <FormProblemNotice problem={problem} />
          <div class="webhook-form">
            <FormField id="webhook-url" label={v.integrations.url} hint={v.integrations.urlHint} error={f['webhook.url']}>
              {(a) => <input {...a} type="url" maxLength={2000} value={url} disabled={!canChange} placeholder="https://" onInput={(e) => setUrl(e.currentTarget.value)} />}
            </FormField>
            <FormField
              id="webhook-secret"
              label={v.integrations.secret}
              hint={`${rules.webhook.secretSet ? v.integrations.secretSet : v.integrations.secretNotSet} ${v.integrations.secretHint}`}
              error={f['webhook.secret']}
            >
              {(a) => <input {...a} type="password" autoComplete="new-password" maxLength={256} value={secret} disabled={!canChange} onInput={(e) => setSecret(e.currentTarget.value)} />}
            </FormField>
            <fieldset class="webhook-events">
              <legend class="field-label">{v.integrations.events}</legend>
              {EVENTS.map((ev) => (
                <label key={ev}>
                  <input
                    type="checkbox"
                    checked={events.includes(ev)}
                    disabled={!canChange}
                    onChange={(e) => setEvents((l) => (e.currentTarget.checked ? EVENTS.filter((x) => x === ev || l.includes(x)) : l.filter((x) => x !== ev)))}
                  />{' '}
                  {v.integrations.eventNames[ev]}
                </label>
              ))}
            </fieldset>
          </div>
          {canChange && <WebhookTest savedUrl={rules.webhook.url} onSent={onTestSent} />}
          {canChange && (
            <button type="submit" class="btn" disabled={saving}>
              {saving ? v.integrations.saving : v.integrations.save}
            </button>
          )}
        </>
      )}
    </form>
  );
}

function DeliveryLog({ refresh }: { refresh: number }) {
  const { v, when } = useViewSpeech(integrationsMessages);
  const [items, setItems] = useState<WebhookDelivery[] | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(() => {
    setFailed(false);
    listWebhookDeliveries(50).then(
      (r) => setItems(r.items),
      () => setFailed(true),
    );
  }, []);
  useEffect(load, [load, refresh]);
  const today = todayOf();
  const cls = { delivered: 'status-meets', pending: 'status-below', failed: 'status-significantly-below' } as const;
  const columns: Column<WebhookDelivery>[] = [
    { id: 'at', header: v.integrations.at, cell: (d) => when(d.createdAt, today) },
    { id: 'event', header: v.integrations.event, rowHeader: true, cell: (d) => <code>{d.event}</code> },
    { id: 'status', header: v.integrations.status, cell: (d) => <span class={`badge ${cls[d.status]}`}>{v.integrations.statuses[d.status]}</span> },
    { id: 'attempts', header: v.integrations.attempts, numeric: true, cell: (d) => d.attempts.length },
    {
      id: 'last',
      header: v.integrations.lastAnswer,
      cell: (d) => {
        const a = d.attempts[d.attempts.length - 1];
        return a ? (a.status !== null ? `HTTP ${a.status}` : `${v.integrations.noAnswer}${a.error ? ` (${a.error})` : ''}`) : '—';
      },
    },
    { id: 'next', header: v.integrations.nextAttempt, cell: (d) => (d.nextAttemptAt ? when(d.nextAttemptAt, today) : '—') },
    { id: 'url', header: v.integrations.url, cell: (d) => <span class="delivery-url">{d.url}</span> },
  ];
  return (
    <section class="card" aria-labelledby="log-title" data-testid="delivery-log">
      <div class="log-head">
        <h2 class="card-title" id="log-title">
          {v.integrations.logTitle}
        </h2>
        <button type="button" class="btn btn-secondary btn-small" onClick={load}>
          {v.integrations.refresh}
        </button>
      </div>
      <p class="section-intro">{v.integrations.logIntro}</p>
      <DataTable
        columns={columns}
        {...loadedRows(items, failed)}
        rowKey={(d) => d.id}
        emptyText={v.integrations.logEmpty}
        errorText={v.integrations.logFailed}
        onRetry={load}
        scrollLabel={v.integrations.logTitle}
      />
    </section>
  );
}
