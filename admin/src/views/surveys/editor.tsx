/**
 * "New version from a copy" (or a draft's edit): every question of the
 * source with its wording in both languages and a switch to stop asking it,
 * the scale, new single-choice or free-text questions. Problems found here
 * (problemsOf, mirroring the server) and those the server names (its
 * `definition.<path>`) show beside the same field; what was typed stays.
 */
import { useMemo, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { surveysMessages } from './messages';
import { createSurveyVersion, updateSurveyVersion, type SurveyVersion, type SurveyVersionDetail } from '../../api/surveys';
import { FormField, FormProblemNotice } from '../../ui/form-field';
import { problemOf, type FieldError, type FormProblem } from '../../ui/form-errors';
import { canSwitchOff, definitionOf, draftFrom, fieldsOf, isChanged, problemsOf, textOf, type EditorDraft, type NewQuestion, type Problem, type Scale } from './editor-model';
import type { LocalText } from '../../../../shared/local-text';

let nextKey = 1;

export function SurveyEditor(props: { mode: 'copy' | 'edit'; detail: SurveyVersionDetail; onCancel: () => void; onSaved: (v: SurveyVersion) => void }) {
  const { m, v, fill, local } = useViewSpeech(surveysMessages);
  const source = props.detail.version;
  const [d, setD] = useState<EditorDraft>(() => draftFrom(source.definition));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  // Kept as problem names, not words: the language may be switched while they show.
  const [checked, setChecked] = useState<Record<string, Problem>>({});
  const [note, setNote] = useState<'someInvalid' | 'unchanged' | null>(null);
  const [saving, setSaving] = useState(false);
  const built = useMemo(() => definitionOf(d), [d]);
  const name = `${source.key} v${source.version}`;
  const errors: Record<string, FieldError> = { ...(problem?.fields ?? {}), ...Object.fromEntries(Object.entries(checked).map(([k, p]) => [k, { text: v.surveys.problems[p] }])) };
  const indexOf = (id: string) => built.questions.findIndex((q) => q.id === id);
  const err = (path: string) => errors[path];

  const setText = (id: string, base: LocalText, lang: 'vi' | 'en', value: string) => setD((x) => ({ ...x, texts: { ...x.texts, [id]: { ...(x.texts[id] ?? base), [lang]: value } } }));
  const toggle = (id: string, on: boolean) => setD((x) => ({ ...x, off: on ? x.off.filter((o) => o !== id) : [...x.off, id] }));
  const setAdded = (key: string, patch: Partial<NewQuestion>) => setD((x) => ({ ...x, added: x.added.map((n) => (n.key === key ? { ...n, ...patch } : n)) }));
  const add = (kind: NewQuestion['kind']) => setD((x) => ({ ...x, added: [...x.added, { key: `n${nextKey++}`, kind, id: '', text: { vi: '', en: '' }, options: '' }] }));

  async function submit(e: Event) {
    e.preventDefault();
    const found = problemsOf(d);
    setChecked(found);
    setProblem(null);
    setNote(null);
    if (Object.keys(found).length) return setNote('someInvalid');
    if (props.mode === 'copy' && !isChanged(d)) return setNote('unchanged');
    setSaving(true);
    try {
      const saved = props.mode === 'copy' ? await createSurveyVersion(source.id, built) : await updateSurveyVersion(source.id, built);
      props.onSaved(saved);
    } catch (caught) {
      setProblem(problemOf(caught, m.form, fieldsOf(built)));
    } finally {
      setSaving(false);
    }
  }

  const textFields = (path: string, idBase: string, value: LocalText, onInput: (lang: 'vi' | 'en', s: string) => void, labels: [string, string]) => (
    <div class="survey-texts">
      {(['vi', 'en'] as const).map((lang, i) => (
        <FormField key={lang} id={`${idBase}-${lang}`} label={labels[i]} required error={err(`${path}.${lang}`)}>
          {(a) => <input {...a} type="text" lang={lang} value={value[lang]} onInput={(e) => onInput(lang, e.currentTarget.value)} />}
        </FormField>
      ))}
    </div>
  );

  return (
    <form class="card survey-editor" onSubmit={submit} noValidate aria-labelledby="survey-editor-title" data-testid="survey-editor">
      <h2 class="card-title" id="survey-editor-title">
        {fill(props.mode === 'copy' ? v.surveys.editorTitleCopy : v.surveys.editorTitleEdit, { version: name })}
      </h2>
      <p class="muted form-intro">{v.surveys.editorIntro}</p>
      <FormProblemNotice problem={problem} />
      {note && (
        <div class="notice error" role="alert" data-testid="form-problem">
          <p>{note === 'someInvalid' ? m.form.someInvalid : v.surveys.unchanged}</p>
        </div>
      )}
      {textFields('definition.title', 'sv-title', d.title, (lang, s) => setD((x) => ({ ...x, title: { ...x.title, [lang]: s } })), [v.surveys.titleVi, v.surveys.titleEn])}
      <FormField id="sv-scale" label={v.surveys.scale} hint={v.surveys.scaleHint}>
        {(a) => (
          <select {...a} value={String(d.scale)} onChange={(e) => setD((x) => ({ ...x, scale: Number(e.currentTarget.value) as Scale }))} data-testid="sv-scale">
            <option value="5">{v.surveys.scale5}</option>
            <option value="3">{v.surveys.scale3}</option>
          </select>
        )}
      </FormField>

      <h3 class="survey-subtitle">{v.surveys.questionsTitle}</h3>
      <ol class="survey-questions">
        {source.definition.questions.map((q) => {
          const on = !d.off.includes(q.id);
          const i = indexOf(q.id);
          const path = `definition.questions.${i}`;
          const fixed = !canSwitchOff(source.definition, q);
          return (
            <li key={q.id} class={`survey-q${on ? '' : ' survey-q-off'}`} data-testid={`sq-${q.id}`}>
              <div class="survey-q-head">
                <span class="survey-code">{q.id}</span>
                <span class="muted small">{v.surveys.kinds[q.kind]}</span>
                {fixed ? (
                  <span class="muted small">{v.surveys.kioskQuestion}</span>
                ) : (
                  <label class="survey-switch">
                    <input type="checkbox" checked={on} onChange={(e) => toggle(q.id, e.currentTarget.checked)} data-testid={`sq-on-${q.id}`} />
                    {v.surveys.inUse}
                  </label>
                )}
              </div>
              {on ? (
                textFields(`${path}.text`, `sq-${q.id}`, textOf(d, q), (lang, s) => setText(q.id, q.text, lang, s), [v.surveys.textVi, v.surveys.textEn])
              ) : (
                <p class="muted small survey-q-text">{local(textOf(d, q))}</p>
              )}
              {on && err(`${path}.id`) && <p class="field-error">{err(`${path}.id`)!.text} {err(`${path}.id`)!.detail && <span class="field-error-detail" lang="en">({err(`${path}.id`)!.detail})</span>}</p>}
            </li>
          );
        })}
        {d.added.map((n) => {
          const i = built.questions.length - d.added.length + d.added.indexOf(n);
          const path = `definition.questions.${i}`;
          return (
            <li key={n.key} class="survey-q survey-q-new" data-testid={`sq-new-${n.key}`}>
              <div class="survey-q-head">
                <span class="strong">{v.surveys.newQuestion}</span>
                <span class="muted small">{v.surveys.kinds[n.kind]}</span>
                <button type="button" class="btn btn-ghost" onClick={() => setD((x) => ({ ...x, added: x.added.filter((a) => a.key !== n.key) }))}>
                  {v.surveys.remove}
                </button>
              </div>
              <FormField id={`sn-${n.key}-id`} label={v.surveys.newId} hint={v.surveys.newIdHint} required error={err(`${path}.id`)}>
                {(a) => <input {...a} type="text" class="survey-id-input" value={n.id} onInput={(e) => setAdded(n.key, { id: e.currentTarget.value })} />}
              </FormField>
              {textFields(`${path}.text`, `sn-${n.key}`, n.text, (lang, s) => setAdded(n.key, { text: { ...n.text, [lang]: s } }), [v.surveys.textVi, v.surveys.textEn])}
              {n.kind === 'choice' && (
                <FormField id={`sn-${n.key}-options`} label={v.surveys.options} required error={err(`${path}.options`)}>
                  {(a) => <textarea {...a} rows={4} value={n.options} onInput={(e) => setAdded(n.key, { options: e.currentTarget.value })} />}
                </FormField>
              )}
            </li>
          );
        })}
      </ol>
      <div class="form-actions survey-add">
        <button type="button" class="btn btn-secondary" onClick={() => add('choice')} data-testid="add-choice">{v.surveys.addChoice}</button>
        <button type="button" class="btn btn-secondary" onClick={() => add('text')} data-testid="add-text">{v.surveys.addText}</button>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn" disabled={saving} data-testid="save-version">
          {saving ? v.surveys.saving : props.mode === 'copy' ? v.surveys.save : v.surveys.saveEdit}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>{v.surveys.cancel}</button>
      </div>
    </form>
  );
}
