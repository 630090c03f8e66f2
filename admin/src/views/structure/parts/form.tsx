/** What every structure form shares: saving with the server's field errors kept beside the fields, and the form's frame. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../../../api/http';
import { problemOf, type FormProblem } from '../../../ui/form-errors';
import { FormProblemNotice } from '../../../ui/form-field';
import { useStructureSpeech } from '../speech';

export function useSave<R>(fields: readonly string[], onSaved: (r: R) => void) {
  const { m, v } = useStructureSpeech();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);
  async function run(save: () => Promise<R>) {
    setSaving(true);
    setProblem(null);
    try {
      onSaved(await save());
    } catch (err) {
      const p = problemOf(err, m.form, fields);
      // A code already used is said plainly at the code field.
      if (err instanceof ApiError && err.status === 409 && p.fields.code) p.fields.code = { text: v.structure.taken };
      setProblem(p);
    } finally {
      setSaving(false);
    }
  }
  return { problem, fields: problem?.fields ?? {}, saving, run };
}

export function FormFrame(props: { title: string; problem: FormProblem | null; saving: boolean; onSubmit: () => void; onCancel: () => void; children: ComponentChildren; testId: string }) {
  const { v } = useStructureSpeech();
  return (
    <form
      class="card crud-form"
      noValidate
      data-testid={props.testId}
      aria-labelledby={`${props.testId}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h2 class="card-title" id={`${props.testId}-title`}>
        {props.title}
      </h2>
      <FormProblemNotice problem={props.problem} />
      <div class="crud-grid">{props.children}</div>
      <div class="form-actions">
        <button type="submit" class="btn" disabled={props.saving}>
          {props.saving ? v.structure.saving : v.structure.save}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
          {v.structure.cancel}
        </button>
      </div>
    </form>
  );
}
