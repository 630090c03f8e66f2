/**
 * Choose the period the figures cover: today, this week, this month, last
 * month, this quarter, last quarter, 6 months, 9 months, this year, or custom days. Shows
 * the days it resolves to (01/11/2026 – 30/11/2026) so there is no doubt.
 */
import { useEffect, useState } from 'preact/hooks';
import { useSpeech } from '../i18n';
import { PERIOD_CHOICES, rangeOf, type PeriodChoice, type PeriodSelection } from './period-range';

interface Props {
  id: string;
  value: PeriodSelection;
  /** Called with complete selections only (a custom range once both days are valid and in order). */
  onChange: (sel: PeriodSelection) => void;
  now?: number;
}

export function PeriodPicker({ id, value, onChange, now }: Props) {
  const s = useSpeech();
  const { m } = s;
  const [draft, setDraft] = useState<PeriodSelection>(value);
  useEffect(() => setDraft(value), [value.choice, value.from, value.to]);

  const range = rangeOf(draft, now);
  const badRange = draft.choice === 'custom' && !!draft.from && !!draft.to && !range;
  const change = (next: PeriodSelection) => {
    setDraft(next);
    if (rangeOf(next, now)) onChange(next);
  };
  const onChoice = (choice: PeriodChoice) => {
    // A custom range starts from the days shown until now, so it only needs adjusting.
    const shown = rangeOf(draft, now);
    change(choice === 'custom' ? { choice, from: draft.from ?? shown?.from, to: draft.to ?? shown?.to } : { choice });
  };

  return (
    <fieldset class="period-picker" data-testid="period-picker">
      <legend class="visually-hidden">{m.period.label}</legend>
      <span class="filter">
        <label for={`${id}-choice`} class="field-label">
          {m.period.label}
        </label>
        <select id={`${id}-choice`} value={draft.choice} onChange={(e) => onChoice((e.currentTarget as HTMLSelectElement).value as PeriodChoice)}>
          {PERIOD_CHOICES.map((c) => (
            <option key={c} value={c}>
              {m.period.choices[c]}
            </option>
          ))}
        </select>
      </span>
      {draft.choice === 'custom' && (
        <>
          <span class="filter">
            <label for={`${id}-from`} class="field-label">
              {m.period.from}
            </label>
            <input
              id={`${id}-from`}
              type="date"
              value={draft.from ?? ''}
              aria-invalid={badRange || undefined}
              aria-describedby={badRange ? `${id}-error` : undefined}
              onChange={(e) => change({ ...draft, from: (e.currentTarget as HTMLInputElement).value })}
            />
          </span>
          <span class="filter">
            <label for={`${id}-to`} class="field-label">
              {m.period.to}
            </label>
            <input
              id={`${id}-to`}
              type="date"
              value={draft.to ?? ''}
              aria-invalid={badRange || undefined}
              aria-describedby={badRange ? `${id}-error` : undefined}
              onChange={(e) => change({ ...draft, to: (e.currentTarget as HTMLInputElement).value })}
            />
          </span>
        </>
      )}
      <span class="muted small period-days" aria-live="polite" data-testid="period-days">
        {range ? s.fill(m.period.range, { from: s.date(range.from), to: s.date(range.to) }) : ''}
      </span>
      {badRange && (
        <p id={`${id}-error`} class="field-error" role="alert">
          {m.period.badRange}
        </p>
      )}
    </fieldset>
  );
}
