/** The units tab: code and name; units are the managers' (a unit head renames their own). */
import { useCallback, useState } from 'preact/hooks';
import { createUnit, listUnits, updateUnit } from '../../../api/units';
import type { Unit, User } from '../../../types';
import { FormField } from '../../../ui/form-field';
import { useStructureSpeech } from '../speech';
import { CrudTab, type FormProps } from './crud-tab';
import { FormFrame, useSave } from './form';

const FIELDS = ['code', 'name.vi', 'name.en'];

export function UnitsTab({ user, onChanged }: { user: User; onChanged: () => void }) {
  const { v, local } = useStructureSpeech();
  const load = useCallback(() => listUnits().then((r) => r.items), []);
  const manager = user.role !== 'unit-head';
  return (
    <CrudTab<Unit>
      kind="units"
      load={load}
      label={(u) => local(u.name)}
      haystack={(u) => `${u.code} ${u.name.vi} ${u.name.en}`}
      columns={[
        { id: 'code', header: v.structure.code, sortValue: (u) => u.code, cell: (u) => u.code },
        { id: 'name', header: v.structure.name, rowHeader: true, sortValue: (u) => local(u.name), cell: (u) => local(u.name) },
      ]}
      canCreate={manager}
      canChange={() => manager}
      setActive={(u, active) => updateUnit(u.id, { active })}
      Form={UnitForm}
      onChanged={onChanged}
    />
  );
}

export function UnitForm({ initial, onSaved, onCancel }: FormProps<Unit>) {
  const { v, fill, local } = useStructureSpeech();
  const [code, setCode] = useState(initial?.code ?? '');
  const [vi, setVi] = useState(initial?.name.vi ?? '');
  const [en, setEn] = useState(initial?.name.en ?? '');
  const { problem, fields: f, saving, run } = useSave<Unit>(FIELDS, onSaved);
  const submit = () => run(() => (initial ? updateUnit(initial.id, { code, name: { vi, en } }) : createUnit({ code, name: { vi, en } })));
  return (
    <FormFrame testId="unit-form" title={initial ? fill(v.structure.editTitle, { name: local(initial.name) }) : v.structure.createTitle.units} problem={problem} saving={saving} onSubmit={submit} onCancel={onCancel}>
      <FormField id="unit-code" label={v.structure.code} hint={v.structure.codeHint} required error={f.code}>
        {(a) => <input {...a} type="text" value={code} maxLength={20} onInput={(e) => setCode(e.currentTarget.value)} />}
      </FormField>
      <span />
      <FormField id="unit-name-vi" label={v.structure.nameVi} required error={f['name.vi']}>
        {(a) => <input {...a} type="text" value={vi} maxLength={200} onInput={(e) => setVi(e.currentTarget.value)} />}
      </FormField>
      <FormField id="unit-name-en" label={v.structure.nameEn} error={f['name.en']}>
        {(a) => <input {...a} type="text" value={en} maxLength={200} onInput={(e) => setEn(e.currentTarget.value)} />}
      </FormField>
    </FormFrame>
  );
}
