/**
 * Alert rules (admins change, managers read): each rule with its meaning in
 * plain words (the current numbers filled in), on/off, its settings, and a
 * preview of what it would have raised over the last 7 days with the
 * settings as typed (not saved); saved together (the webhook, set on the
 * Integrations screen, is kept). Below: the saved webhook and "send a test
 * event" (admins).
 */
import './styles.css';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { useAppData } from '../../store';
import type { ViewProps } from '../view';
import { alertRulesMessages } from './messages';
import { getAlertRules, updateAlertRules } from '../../api/alerts';
import type { AlertRulesInput, PublicAlertRules } from '../../types';
import { FormField, FormProblemNotice } from '../../ui/form-field';
import { problemOf, type FormProblem } from '../../ui/form-errors';
import { useToasts } from '../../ui/toasts';
import { RulePreview } from './parts/rule-preview';
import { WebhookTest } from './parts/webhook-test';

type RuleId = 'lowSatisfaction' | 'lowRatingComment' | 'kioskSilent' | 'burst' | 'suspiciousTopRatings';
const RULES: RuleId[] = ['lowSatisfaction', 'lowRatingComment', 'kioskSilent', 'burst', 'suspiciousTopRatings'];
/** Each rule's key in the API (alerts and the preview name rules by it). */
const KEY_OF = {
  lowSatisfaction: 'low-satisfaction',
  lowRatingComment: 'low-rating-comment',
  kioskSilent: 'kiosk-silent',
  burst: 'burst',
  suspiciousTopRatings: 'suspicious-top-ratings',
} as const satisfies Record<RuleId, string>;
const SCOPES = ['org', 'unit', 'sp', 'officer'] as const;
type Scope = (typeof SCOPES)[number];

/** A number setting of a rule: its key, and how the form shows it (a share as a percentage). */
interface NumberSetting {
  key: string;
  percent?: boolean;
  nullable?: boolean;
  min: number;
  max: number;
}
const SETTINGS: Record<RuleId, NumberSetting[]> = {
  lowSatisfaction: [
    { key: 'windowDays', min: 1, max: 92 },
    { key: 'target', percent: true, nullable: true, min: 50, max: 100 },
    { key: 'minSample', nullable: true, min: 1, max: 1_000_000 },
    { key: 'clearMargin', percent: true, min: 0, max: 25 },
  ],
  lowRatingComment: [{ key: 'maxScore', min: 1, max: 3 }],
  kioskSilent: [{ key: 'minutes', min: 1, max: 1440 }],
  burst: [
    { key: 'maxRatings', min: 2, max: 100_000 },
    { key: 'windowSeconds', min: 5, max: 3600 },
  ],
  suspiciousTopRatings: [
    { key: 'count', min: 2, max: 10_000 },
    { key: 'windowSeconds', min: 10, max: 86_400 },
  ],
};

type Draft = Record<string, string>;
const round = (x: number) => String(Math.round(x * 10_000) / 100);

function draftOf(r: PublicAlertRules): Draft {
  const d: Draft = {};
  for (const id of RULES) {
    const rule = r[id] as unknown as Record<string, number | null>;
    for (const s of SETTINGS[id]) {
      const val = rule[s.key];
      d[`${id}.${s.key}`] = val === null || val === undefined ? '' : s.percent ? round(val) : String(val);
    }
  }
  return d;
}

/** The draft's number, as the API wants it (a percentage back to a share); NaN when not a number. */
function valueOf(d: Draft, id: RuleId, s: NumberSetting): number | null {
  const raw = (d[`${id}.${s.key}`] ?? '').trim().replace(',', '.');
  if (raw === '' && s.nullable) return null;
  const n = raw === '' ? Number.NaN : Number(raw);
  return s.percent ? n / 100 : n;
}

export default function AlertRulesView({ user }: ViewProps) {
  const { m, v, fill, num, target: share } = useViewSpeech(alertRulesMessages);
  const pct = (x: number) => share(x);
  const { organisation } = useAppData();
  const toasts = useToasts();
  const [rules, setRules] = useState<PublicAlertRules | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [failed, setFailed] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const canChange = user.role === 'admin';

  const take = (r: PublicAlertRules) => {
    setRules(r);
    setDraft(draftOf(r));
  };
  const load = useCallback(() => {
    setFailed(false);
    getAlertRules().then(take, () => setFailed(true));
  }, []);
  useEffect(load, [load]);

  if (failed)
    return (
      <div class="notice error" role="alert">
        {v.alertRules.loadFailed}{' '}
        <button type="button" class="btn btn-secondary" onClick={load}>
          {v.alertRules.retry}
        </button>
      </div>
    );
  if (!rules) return <p class="loading">{m.loading}</p>;

  /** One rule's settings as typed (what a save would send for it). */
  const ruleInput = (id: RuleId): Record<string, unknown> => {
    const rule: Record<string, unknown> = { ...rules[id] };
    for (const s of SETTINGS[id]) rule[s.key] = valueOf(draft, id, s);
    return rule;
  };

  const setRule = <K extends RuleId>(id: K, patch: Partial<PublicAlertRules[K]>) => setRules({ ...rules, [id]: { ...rules[id], ...patch } });

  async function save(e: Event) {
    e.preventDefault();
    if (!rules) return;
    setSaving(true);
    setProblem(null);
    const { webhook, ...others } = rules;
    const next = { ...others } as Record<RuleId, Record<string, unknown>>;
    for (const id of RULES) next[id] = ruleInput(id);
    // The secret is left out: the stored one is kept.
    const input = { ...next, webhook: { url: webhook.url, events: webhook.events } } as unknown as AlertRulesInput; // built field by field from the rules read above
    try {
      take(await updateAlertRules(input));
      toasts.show(v.alertRules.saved);
    } catch (err) {
      setProblem(problemOf(err, m.form, RULES.flatMap((id) => SETTINGS[id].map((s) => `${id}.${s.key}`))));
    } finally {
      setSaving(false);
    }
  }

  const f = problem?.fields ?? {};
  const shown = (id: RuleId, key: string) => {
    const s = SETTINGS[id].find((x) => x.key === key)!;
    const n = valueOf(draft, id, s);
    return n === null || Number.isNaN(n) ? '…' : s.percent ? pct(n) : num(n);
  };
  const ls = rules.lowSatisfaction;
  const target = valueOf(draft, 'lowSatisfaction', SETTINGS.lowSatisfaction[1]) ?? organisation.target;
  const margin = valueOf(draft, 'lowSatisfaction', SETTINGS.lowSatisfaction[3]) ?? 0;
  const meaning: Record<RuleId, string> = {
    lowSatisfaction: fill(v.alertRules.lowSatisfaction.meaning, {
      days: shown('lowSatisfaction', 'windowDays'),
      target: pct(target),
      n: draft['lowSatisfaction.minSample'] ? shown('lowSatisfaction', 'minSample') : num(organisation.minSample),
      clear: pct(target - margin),
    }),
    lowRatingComment: fill(v.alertRules.lowRatingComment.meaning, { score: shown('lowRatingComment', 'maxScore') }),
    kioskSilent: fill(v.alertRules.kioskSilent.meaning, { minutes: shown('kioskSilent', 'minutes') }),
    burst: fill(v.alertRules.burst.meaning, { max: shown('burst', 'maxRatings'), seconds: shown('burst', 'windowSeconds') }),
    suspiciousTopRatings: fill(v.alertRules.suspiciousTopRatings.meaning, { count: shown('suspiciousTopRatings', 'count'), seconds: shown('suspiciousTopRatings', 'windowSeconds') }),
  };
  const labels = v.alertRules as unknown as Record<RuleId, Record<string, string>>; // each rule's block of words, read by setting key
  const hintOf = (id: RuleId, key: string): string | undefined => {
    if (id === 'lowSatisfaction' && key === 'target') return fill(v.alertRules.officeDefault, { value: pct(organisation.target) });
    if (id === 'lowSatisfaction' && key === 'minSample') return fill(v.alertRules.officeDefault, { value: num(organisation.minSample) });
    if (id === 'lowSatisfaction' && key === 'clearMargin') return v.alertRules.lowSatisfaction.clearMarginHint;
    return undefined;
  };

  return (
    <form class="alert-rules-screen" onSubmit={save} noValidate data-testid="alert-rules-form">
      <p class="rules-intro">{v.alertRules.intro}</p>
      {!canChange && <p class="notice">{v.alertRules.adminOnly}</p>}
      <FormProblemNotice problem={problem} />
      {RULES.map((id) => {
        const on = rules[id].enabled;
        return (
          <section key={id} class={`card rule-card${on ? '' : ' rule-off'}`} aria-labelledby={`rule-${id}`} data-testid={`rule-${id}`}>
            <div class="rule-head">
              <h2 class="card-title" id={`rule-${id}`}>
                {labels[id].title}
              </h2>
              <span class={`badge ${on ? 'status-meets' : 'status-no-data'}`}>{on ? v.alertRules.on : v.alertRules.off}</span>
            </div>
            <p class="rule-meaning" data-testid={`meaning-${id}`}>
              {meaning[id]}
            </p>
            <label class="rule-toggle">
              <input type="checkbox" checked={on} disabled={!canChange} onChange={(e) => setRule(id, { enabled: e.currentTarget.checked } as Partial<PublicAlertRules[typeof id]>)} /> {v.alertRules.enabled}
            </label>
            <div class="rule-settings">
              {SETTINGS[id].map((s) => (
                <FormField key={s.key} id={`${id}-${s.key}`} label={labels[id][s.key]} hint={hintOf(id, s.key)} error={f[`${id}.${s.key}`]}>
                  {(a) => (
                    <input
                      {...a}
                      type="text"
                      inputMode="decimal"
                      value={draft[`${id}.${s.key}`] ?? ''}
                      disabled={!canChange}
                      onInput={(e) => setDraft({ ...draft, [`${id}.${s.key}`]: e.currentTarget.value })}
                    />
                  )}
                </FormField>
              ))}
              {id === 'lowSatisfaction' && (
                <fieldset class="rule-scopes">
                  <legend class="field-label">{v.alertRules.lowSatisfaction.scopes}</legend>
                  {SCOPES.map((sc: Scope) => (
                    <label key={sc}>
                      <input
                        type="checkbox"
                        checked={ls.scopes.includes(sc)}
                        disabled={!canChange}
                        onChange={(e) => setRule('lowSatisfaction', { scopes: e.currentTarget.checked ? SCOPES.filter((x) => x === sc || ls.scopes.includes(x)) : ls.scopes.filter((x) => x !== sc) })}
                      />{' '}
                      {v.alertRules.lowSatisfaction.scopeNames[sc]}
                    </label>
                  ))}
                </fieldset>
              )}
            </div>
            <RulePreview id={id} rule={KEY_OF[id]} settings={() => ruleInput(id)} labelOf={(k) => labels[id][k] ?? k} />
          </section>
        );
      })}
      <section class="card" aria-labelledby="rules-webhook-title" data-testid="rules-webhook">
        <h2 class="card-title" id="rules-webhook-title">
          {v.alertRules.webhookTitle}
        </h2>
        <p>
          {rules.webhook.url
            ? fill(v.alertRules.webhookSaved, { url: rules.webhook.url, events: rules.webhook.events.map((e) => (v.alertRules.events as Record<string, string>)[e] ?? e).join(', ') })
            : v.alertRules.webhookNone}
        </p>
        {canChange && <WebhookTest savedUrl={rules.webhook.url} />}
      </section>
      {canChange && (
        <div class="rules-actions">
          <button type="submit" class="btn" disabled={saving}>
            {saving ? v.alertRules.saving : v.alertRules.save}
          </button>
        </div>
      )}
    </form>
  );
}
