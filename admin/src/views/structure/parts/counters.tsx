/** The counters tab: code (printed on posters), name, unit, opening hours per weekday and holidays. */
import { Fragment } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { createServicePoint, listServicePoints, updateServicePoint } from '../../../api/service-points';
import { useAppData } from '../../../store';
import type { ServicePoint } from '../../../types';
import { FormField } from '../../../ui/form-field';
import { useStructureSpeech } from '../speech';
import { CrudTab, type FormProps } from './crud-tab';
import { FormFrame, useSave } from './form';
import { draftOf, formatSessions, hoursOf, type HoursDraft } from './hours';
import { UnitSelect, useDefaultUnit } from './unit-select';

const FIELDS = ['code', 'name.vi', 'name.en', 'unitId', 'hours.weekdays', 'hours.sessions', 'hours.perDay', 'hours.holidays'];
/** Monday first, as Vietnamese calendars print the week. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

export function CountersTab() {
  const { v, local, fill } = useStructureSpeech();
  const { units } = useAppData();
  const load = useCallback(() => listServicePoints().then((r) => r.items), []);
  const unitName = (id: string) => {
    const u = units.find((x) => x.id === id);
    return u ? local(u.name) : id;
  };
  return (
    <CrudTab<ServicePoint>
      kind="counters"
      load={load}
      label={(sp) => `${sp.code} · ${local(sp.name)}`}
      haystack={(sp) => `${sp.code} ${sp.name.vi} ${sp.name.en} ${unitName(sp.unitId)}`}
      columns={[
        { id: 'code', header: v.structure.code, sortValue: (sp) => sp.code, cell: (sp) => sp.code },
        { id: 'name', header: v.structure.name, rowHeader: true, sortValue: (sp) => local(sp.name), cell: (sp) => local(sp.name) },
        { id: 'unit', header: v.structure.unit, sortValue: (sp) => unitName(sp.unitId), cell: (sp) => unitName(sp.unitId) },
        {
          id: 'hours',
          header: v.structure.hours,
          cell: (sp) => (
            <span class="small">
              {fill(v.structure.hoursSummary, { days: sp.hours.weekdays.length })} · {formatSessions(sp.hours.sessions)}
            </span>
          ),
        },
      ]}
      canCreate
      canChange={() => true}
      setActive={(sp, active) => updateServicePoint(sp.id, { active })}
      Form={CounterForm}
    />
  );
}

export function CounterForm({ initial, onSaved, onCancel }: FormProps<ServicePoint>) {
  const { v, fill, local } = useStructureSpeech();
  const defaultUnit = useDefaultUnit();
  const [code, setCode] = useState(initial?.code ?? '');
  const [vi, setVi] = useState(initial?.name.vi ?? '');
  const [en, setEn] = useState(initial?.name.en ?? '');
  const [unitId, setUnitId] = useState(initial?.unitId ?? defaultUnit);
  const [hours, setHours] = useState<HoursDraft>(() => draftOf(initial?.hours ?? null));
  const { problem, fields: f, saving, run } = useSave<ServicePoint>(FIELDS, onSaved);
  const submit = () =>
    run(() => {
      const body = { code, name: { vi, en }, unitId, hours: hoursOf(hours) };
      return initial ? updateServicePoint(initial.id, body) : createServicePoint(body);
    });
  const hoursError = f['hours.weekdays'] ?? f['hours.sessions'] ?? f['hours.perDay'];
  const setDay = (d: number, patch: Partial<{ open: boolean; sessions: string }>) =>
    setHours((h) => ({
      ...h,
      open: patch.open === undefined ? h.open : h.open.map((x, i) => (i === d ? patch.open! : x)),
      sessions: patch.sessions === undefined ? h.sessions : h.sessions.map((x, i) => (i === d ? patch.sessions! : x)),
    }));
  return (
    <FormFrame testId="counter-form" title={initial ? fill(v.structure.editTitle, { name: local(initial.name) }) : v.structure.createTitle.counters} problem={problem} saving={saving} onSubmit={submit} onCancel={onCancel}>
      <FormField id="counter-code" label={v.structure.code} hint={v.structure.counterCodeHint} required error={f.code}>
        {(a) => <input {...a} type="text" value={code} maxLength={20} onInput={(e) => setCode(e.currentTarget.value)} />}
      </FormField>
      <UnitSelect id="counter-unit" value={unitId} onChange={setUnitId} error={f.unitId} />
      <FormField id="counter-name-vi" label={v.structure.nameVi} required error={f['name.vi']}>
        {(a) => <input {...a} type="text" value={vi} maxLength={200} onInput={(e) => setVi(e.currentTarget.value)} />}
      </FormField>
      <FormField id="counter-name-en" label={v.structure.nameEn} error={f['name.en']}>
        {(a) => <input {...a} type="text" value={en} maxLength={200} onInput={(e) => setEn(e.currentTarget.value)} />}
      </FormField>
      <fieldset class={`wide field${hoursError ? ' field-invalid' : ''}`} aria-describedby="counter-hours-hint">
        <legend class="field-label">{v.structure.hours}</legend>
        <p id="counter-hours-hint" class="muted small">
          {v.structure.hoursHint}
        </p>
        <div class="hours-table">
          {WEEK.map((d) => (
            <Fragment key={d}>
              <span>{v.structure.weekdays[d]}</span>
              <label>
                <input type="checkbox" checked={hours.open[d]} onChange={(e) => setDay(d, { open: e.currentTarget.checked })} />
                {v.structure.open}
              </label>
              <input
                type="text"
                aria-label={fill(v.structure.sessionsOf, { day: v.structure.weekdays[d] })}
                data-testid={`hours-${d}`}
                value={hours.sessions[d]}
                disabled={!hours.open[d]}
                onInput={(e) => setDay(d, { sessions: e.currentTarget.value })}
              />
            </Fragment>
          ))}
        </div>
        {hoursError && (
          <p class="field-error" data-testid="counter-hours-error">
            {hoursError.text}
            {hoursError.detail && <span class="field-error-detail" lang="en"> ({hoursError.detail})</span>}
          </p>
        )}
      </fieldset>
      <FormField id="counter-holidays" label={v.structure.holidays} hint={v.structure.holidaysHint} error={f['hours.holidays']}>
        {(a) => <textarea {...a} rows={4} value={hours.holidays} onInput={(e) => setHours((h) => ({ ...h, holidays: e.currentTarget.value }))} />}
      </FormField>
    </FormFrame>
  );
}
