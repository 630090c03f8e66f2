/**
 * The filter bar: one select per dimension the screen asks for, options from
 * the app store (units) and the lists the user may see (counters, officers,
 * procedures, read once per session). Counters and officers narrow to the
 * chosen unit; choosing another unit drops the ones that no longer apply.
 */
import { useEffect, useState } from 'preact/hooks';
import { listOfficers } from '../api/officers';
import { listProcedures } from '../api/procedures';
import { listServicePoints } from '../api/service-points';
import { useSpeech } from '../i18n';
import { useAppData } from '../store';
import type { Officer, Procedure, ServicePoint } from '../types';
import { activeFilterCount, CHANNEL_VALUES, FILTER_DIMENSIONS, VERIFIED_VALUES, withUnit, type FilterDimension, type Filters } from './filters';

export interface FilterOptions {
  servicePoints: ServicePoint[];
  officers: Officer[];
  procedures: Procedure[];
}

let cached: Promise<FilterOptions> | null = null;

/** Counters, officers and procedures, fetched once (a failed read is tried again next time). */
export function useFilterOptions(): FilterOptions | null {
  const [options, setOptions] = useState<FilterOptions | null>(null);
  useEffect(() => {
    let live = true;
    cached ??= Promise.all([listServicePoints(), listOfficers(), listProcedures()]).then(([sp, o, p]) => ({ servicePoints: sp.items, officers: o.items, procedures: p.items }));
    cached.then(
      (o) => live && setOptions(o),
      () => {
        cached = null;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return options;
}

interface Props {
  id: string;
  value: Filters;
  onChange: (f: Filters) => void;
  /** The dimensions to offer (all when absent). */
  dims?: readonly FilterDimension[];
}

export function FilterBar({ id, value, onChange, dims = FILTER_DIMENSIONS }: Props) {
  const s = useSpeech();
  const { m } = s;
  const { units } = useAppData();
  const options = useFilterOptions();
  const sps = (options?.servicePoints ?? []).filter((sp) => !value.unitId || sp.unitId === value.unitId);
  const officers = (options?.officers ?? []).filter((o) => !value.unitId || !o.unitId || o.unitId === value.unitId);
  const set = (d: FilterDimension, v: string) => {
    const next = v || undefined;
    if (d === 'unitId') {
      onChange(
        withUnit(value, next, {
          servicePoint: (x) => options?.servicePoints.find((sp) => sp.id === x)?.unitId,
          officer: (x) => options?.officers.find((o) => o.id === x)?.unitId ?? undefined,
        }),
      );
    } else onChange({ ...value, [d]: next });
  };

  const choices: Record<FilterDimension, { value: string; label: string }[]> = {
    unitId: units.map((u) => ({ value: u.id, label: s.local(u.name) })),
    servicePointId: sps.map((sp) => ({ value: sp.id, label: s.local(sp.name) })),
    officerId: officers.map((o) => ({ value: o.id, label: o.name })),
    procedureId: (options?.procedures ?? []).map((p) => ({ value: p.id, label: `${p.code} – ${s.local(p.name)}` })),
    channel: CHANNEL_VALUES.map((c) => ({ value: c, label: m.filters.channels[c] })),
    verified: VERIFIED_VALUES.map((v) => ({ value: v, label: m.filters.verifiedChoices[v] })),
  };
  const labels: Record<FilterDimension, string> = {
    unitId: m.filters.unit,
    servicePointId: m.filters.counter,
    officerId: m.filters.officer,
    procedureId: m.filters.procedure,
    channel: m.filters.channel,
    verified: m.filters.verified,
  };

  return (
    <fieldset class="filter-bar" data-testid="filter-bar">
      <legend class="visually-hidden">{m.filters.label}</legend>
      {dims.map((d) => (
        <span key={d} class="filter">
          <label for={`${id}-${d}`} class="field-label">
            {labels[d]}
          </label>
          <select id={`${id}-${d}`} value={value[d] ?? ''} onChange={(e) => set(d, (e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{m.filters.any}</option>
            {choices[d].map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </span>
      ))}
      {activeFilterCount(value) > 0 && (
        <button type="button" class="btn btn-secondary" onClick={() => onChange({})}>
          {m.filters.clear}
        </button>
      )}
    </fieldset>
  );
}
