/** The unit a counter or officer belongs to: the units this user may see (a unit head: only theirs, chosen already). */
import { useAppData } from '../../../store';
import type { FieldError } from '../../../ui/form-errors';
import { FormField } from '../../../ui/form-field';
import { useStructureSpeech } from '../speech';

export function UnitSelect({ id, value, onChange, error }: { id: string; value: string; onChange: (v: string) => void; error?: FieldError }) {
  const { v, local } = useStructureSpeech();
  const { units } = useAppData();
  const usable = units.filter((u) => u.active !== false || u.id === value);
  return (
    <FormField id={id} label={v.structure.unit} required error={error}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          {usable.length !== 1 && <option value="">{v.structure.unitNone}</option>}
          {usable.map((u) => (
            <option key={u.id} value={u.id}>
              {local(u.name)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** The default unit of a new record: the only one there is, else none chosen yet. */
export function useDefaultUnit(): string {
  const { units } = useAppData();
  const active = units.filter((u) => u.active !== false);
  return active.length === 1 ? active[0].id : '';
}
