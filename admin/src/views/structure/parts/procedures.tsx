/** The procedures tab: national code, name and field; the whole list imported from CSV with a preview (managers). */
import { useCallback, useState } from 'preact/hooks';
import { createProcedure, importProceduresFile, listProcedures, updateProcedure } from '../../../api/procedures';
import { ApiError } from '../../../api/http';
import type { ImportRow, Procedure, ProcedureImportResult, User } from '../../../types';
import { DataTable } from '../../../ui/data-table';
import { FormField } from '../../../ui/form-field';
import { useToasts } from '../../../ui/toasts';
import { useStructureSpeech } from '../speech';
import { CrudTab, type FormProps } from './crud-tab';
import { FormFrame, useSave } from './form';

const FIELDS = ['code', 'name.vi', 'name.en', 'field.vi', 'field.en'];
/** Below the server's body limit with room for JSON escaping. */
/** The server's limit for an uploaded list (PROCEDURE_FILE_MAX_BYTES). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const isXlsx = (f: File) => /\.xlsx$/i.test(f.name) || f.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ProceduresTab({ user }: { user: User }) {
  const { v, local } = useStructureSpeech();
  const load = useCallback(() => listProcedures().then((r) => r.items), []);
  const manager = user.role !== 'unit-head';
  return (
    <CrudTab<Procedure>
      kind="procedures"
      load={load}
      label={(p) => p.code}
      haystack={(p) => `${p.code} ${p.name.vi} ${p.name.en} ${p.field.vi}`}
      columns={[
        { id: 'code', header: v.structure.code, rowHeader: true, sortValue: (p) => p.code, cell: (p) => p.code },
        { id: 'name', header: v.structure.name, sortValue: (p) => local(p.name), cell: (p) => local(p.name) },
        { id: 'field', header: v.structure.fieldCol, sortValue: (p) => local(p.field), cell: (p) => local(p.field) },
      ]}
      canCreate={manager}
      canChange={() => manager}
      setActive={(p, active) => updateProcedure(p.id, { active })}
      Form={ProcedureForm}
      extra={manager ? (reload) => <ImportPanel onWritten={reload} /> : undefined}
    />
  );
}

function ProcedureForm({ initial, onSaved, onCancel }: FormProps<Procedure>) {
  const { v, fill } = useStructureSpeech();
  const [code, setCode] = useState(initial?.code ?? '');
  const [vi, setVi] = useState(initial?.name.vi ?? '');
  const [en, setEn] = useState(initial?.name.en ?? '');
  const [field, setField] = useState(initial?.field.vi ?? '');
  const [fieldEn, setFieldEn] = useState(initial?.field.en ?? '');
  const { problem, fields: f, saving, run } = useSave<Procedure>(FIELDS, onSaved);
  const submit = () =>
    run(() => {
      const body = { code, name: { vi, en }, field: { vi: field, en: fieldEn } };
      return initial ? updateProcedure(initial.id, body) : createProcedure(body);
    });
  const input = (id: string, key: string, label: string, value: string, set: (s: string) => void, required = false, max = 200) => (
    <FormField id={id} label={label} required={required} error={f[key]}>
      {(a) => <input {...a} type="text" value={value} maxLength={max} onInput={(e) => set(e.currentTarget.value)} />}
    </FormField>
  );
  return (
    <FormFrame testId="procedure-form" title={initial ? fill(v.structure.editTitle, { name: initial.code }) : v.structure.createTitle.procedures} problem={problem} saving={saving} onSubmit={submit} onCancel={onCancel}>
      {input('procedure-code', 'code', v.structure.code, code, setCode, true, 40)}
      <span />
      {input('procedure-name-vi', 'name.vi', v.structure.nameVi, vi, setVi, true, 500)}
      {input('procedure-name-en', 'name.en', v.structure.nameEn, en, setEn, false, 500)}
      {input('procedure-field-vi', 'field.vi', v.structure.field, field, setField, true)}
      {input('procedure-field-en', 'field.en', v.structure.fieldEn, fieldEn, setFieldEn)}
    </FormFrame>
  );
}

/** Choose a file → preview every row (errors named by column) → write only the good rows. */
function ImportPanel({ onWritten }: { onWritten: () => void }) {
  const { v, fill, num } = useStructureSpeech();
  const t = v.structure.import;
  const toasts = useToasts();
  const [open, setOpen] = useState(false);
  const [csv, setCsv] = useState<File | null>(null);
  const [result, setResult] = useState<ProcedureImportResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'write' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function pick(file: File | undefined) {
    setResult(null);
    setProblem(null);
    setCsv(null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setProblem(t.tooLarge);
    // Sent as it is: the server reads XLSX and CSV alike, and the preview says what it made of it.
    setCsv(file);
  }

  async function send(dryRun: boolean) {
    if (!csv) return setProblem(t.noFile);
    setBusy(dryRun ? 'preview' : 'write');
    setProblem(null);
    try {
      const r = await importProceduresFile(csv, isXlsx(csv), dryRun);
      setResult(r);
      if (!dryRun) {
        toasts.show(fill(t.done, { new: num(r.counts.new), update: num(r.counts.update), error: num(r.counts.error) }));
        onWritten();
        setCsv(null);
        setResult(null);
        setOpen(false);
      }
    } catch (err) {
      setProblem(err instanceof ApiError && err.status === 413 ? t.tooLarge : err instanceof ApiError && err.status === 400 ? t.unreadable : v.structure.failed);
    } finally {
      setBusy(null);
    }
  }

  if (!open)
    return (
      <div>
        <button type="button" class="btn btn-secondary" data-testid="import-open" onClick={() => setOpen(true)}>
          {t.open}
        </button>
      </div>
    );

  const why = (r: ImportRow) => r.errors.map((e) => `${t.columns[e.path as keyof typeof t.columns] ?? e.path}: ${e.message === 'missing' ? t.errors.missing : e.message.startsWith('same code') ? e.message.replace('same code as line', '= ' + t.line.toLowerCase()) : t.errors.other}`).join('; ');
  const good = result ? result.counts.new + result.counts.update : 0;
  return (
    <section class="card import-preview" aria-labelledby="import-title" data-testid="import-panel">
      <h2 class="card-title" id="import-title">
        {t.title}
      </h2>
      <p class="muted">{t.intro}</p>
      <div class="import-actions">
        <label class="field">
          <span class="field-label">{t.file}</span>
          <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="import-file" onChange={(e) => void pick(e.currentTarget.files?.[0])} />
        </label>
        <button type="button" class="btn" disabled={!csv || !!busy} onClick={() => void send(true)}>
          {busy === 'preview' ? t.previewing : t.preview}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>
          {t.close}
        </button>
      </div>
      {problem && (
        <p class="notice error" role="alert">
          {problem}
        </p>
      )}
      {result && (
        <>
          <p class="import-summary" role="status" data-testid="import-summary">
            {fill(t.summary, { new: num(result.counts.new), update: num(result.counts.update), unchanged: num(result.counts.unchanged), error: num(result.counts.error) })}
          </p>
          <DataTable<ImportRow>
            columns={[
              { id: 'line', header: t.line, numeric: true, cell: (r) => num(r.line) },
              { id: 'code', header: v.structure.code, rowHeader: true, cell: (r) => r.code },
              { id: 'name', header: v.structure.name, cell: (r) => r.name },
              { id: 'field', header: v.structure.fieldCol, cell: (r) => r.field },
              { id: 'status', header: t.status, cell: (r) => (r.status === 'error' ? <strong class="field-error">{`${t.statuses.error}: ${why(r)}`}</strong> : t.statuses[r.status]) },
            ]}
            rows={[...result.rows].sort((a, b) => Number(b.status === 'error') - Number(a.status === 'error') || a.line - b.line).slice(0, 500)}
            rowKey={(r) => String(r.line)}
            rowTestId={(r) => `import-row-${r.line}`}
            scrollLabel={t.title}
          />
          <div class="import-actions">
            <button type="button" class="btn" data-testid="import-write" disabled={good === 0 || !!busy} onClick={() => void send(false)}>
              {busy === 'write' ? t.writing : fill(t.write, { n: num(good) })}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
