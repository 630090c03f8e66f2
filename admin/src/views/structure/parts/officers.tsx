/** The officers tab: name, title, unit, photo, and initials (shown on the kiosk when there is no photo). */
import { useCallback, useState } from 'preact/hooks';
import { createOfficer, listOfficers, updateOfficer } from '../../../api/officers';
import { useAppData } from '../../../store';
import type { Officer } from '../../../types';
import { FormField } from '../../../ui/form-field';
import { useStructureSpeech } from '../speech';
import { CrudTab, type FormProps } from './crud-tab';
import { FormFrame, useSave } from './form';
import { UnitSelect, useDefaultUnit } from './unit-select';
import { OfficerPhotoField } from './officer-photo';

const FIELDS = ['name', 'unitId', 'title.vi', 'title.en', 'initials'];

/** "Nguyễn Văn Một" → "NVM": what the kiosk shows without a photo. */
export const initialsOf = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join('')
    .slice(0, 4);

export function OfficersTab() {
  const { v, local } = useStructureSpeech();
  const { units } = useAppData();
  const load = useCallback(() => listOfficers().then((r) => r.items), []);
  const unitName = (id: string) => {
    const u = units.find((x) => x.id === id);
    return u ? local(u.name) : id;
  };
  return (
    <CrudTab<Officer>
      kind="officers"
      load={load}
      label={(o) => o.name}
      haystack={(o) => `${o.name} ${o.title?.vi ?? ''} ${unitName(o.unitId)}`}
      columns={[
        {
          id: 'initials',
          header: v.structure.photoCol,
          cell: (o) => (o.photoUrl ? <img class="officer-thumb" src={o.photoUrl} alt="" width={36} height={36} /> : <span class="badge" aria-hidden="true">{o.initials || initialsOf(o.name)}</span>),
        },
        { id: 'name', header: v.structure.name, rowHeader: true, sortValue: (o) => o.name, cell: (o) => o.name },
        { id: 'title', header: v.structure.titleCol, sortValue: (o) => (o.title ? local(o.title) : ''), cell: (o) => (o.title ? local(o.title) : '') },
        { id: 'unit', header: v.structure.unit, sortValue: (o) => unitName(o.unitId), cell: (o) => unitName(o.unitId) },
      ]}
      canCreate
      canChange={() => true}
      setActive={(o, active) => updateOfficer(o.id, { active })}
      Form={OfficerForm}
    />
  );
}

export function OfficerForm({ initial, onSaved, onCancel, onChanged }: FormProps<Officer>) {
  const { v, fill } = useStructureSpeech();
  const defaultUnit = useDefaultUnit();
  const [name, setName] = useState(initial?.name ?? '');
  const [unitId, setUnitId] = useState(initial?.unitId ?? defaultUnit);
  const [title, setTitle] = useState(initial?.title?.vi ?? '');
  const [titleEn, setTitleEn] = useState(initial?.title?.en ?? '');
  const [initials, setInitials] = useState(initial?.initials ?? '');
  const { problem, fields: f, saving, run } = useSave<Officer>(FIELDS, onSaved);
  const submit = () =>
    run(() => {
      const t = title || titleEn ? { title: { vi: title, en: titleEn } } : {};
      return initial
        ? updateOfficer(initial.id, { name, unitId, ...t, initials: initials.trim() || null })
        : createOfficer({ name, unitId, ...t, ...(initials.trim() ? { initials: initials.trim() } : {}) });
    });
  return (
    <FormFrame testId="officer-form" title={initial ? fill(v.structure.editTitle, { name: initial.name }) : v.structure.createTitle.officers} problem={problem} saving={saving} onSubmit={submit} onCancel={onCancel}>
      <FormField id="officer-name" label={v.structure.name} required error={f.name}>
        {(a) => <input {...a} type="text" value={name} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />}
      </FormField>
      <UnitSelect id="officer-unit" value={unitId} onChange={setUnitId} error={f.unitId} />
      <FormField id="officer-title" label={v.structure.title} error={f['title.vi']}>
        {(a) => <input {...a} type="text" value={title} maxLength={120} onInput={(e) => setTitle(e.currentTarget.value)} />}
      </FormField>
      <FormField id="officer-title-en" label={v.structure.titleEn} error={f['title.en']}>
        {(a) => <input {...a} type="text" value={titleEn} maxLength={120} onInput={(e) => setTitleEn(e.currentTarget.value)} />}
      </FormField>
      <FormField id="officer-initials" label={v.structure.initials} hint={v.structure.initialsHint} error={f.initials}>
        {(a) => <input {...a} type="text" value={initials} placeholder={initialsOf(name)} maxLength={8} onInput={(e) => setInitials(e.currentTarget.value)} />}
      </FormField>
      {/* A photo belongs to a stored officer: it is offered once the officer exists. */}
      {initial && <OfficerPhotoField officer={initial} initials={initials.trim() || initialsOf(name)} onChanged={(o) => onChanged?.(o)} />}
    </FormFrame>
  );
}
