import { randomUUID } from 'node:crypto';
import { DomainError } from './errors';
import type { Entities } from './entities';
import {
  SurveyDefinitionSchema,
  codeConflicts,
  describeMeaning,
  type CodeConflict,
  type SurveyDefinition,
  type SurveyVersion,
} from '../../shared/survey';

/**
 * A new survey version that gives a code an earlier version used another
 * meaning (kind or SIPAS element): refused, because the organisation's
 * figures count answers by code across every version (shared/survey.ts).
 * Names the first offending question; `details` lists them all.
 */
export class SurveyCodeReusedError extends DomainError {
  readonly questionId: string;
  constructor(readonly conflicts: CodeConflict[]) {
    const first = conflicts[0];
    super(
      'conflict',
      `Question ${first.questionId} reuses a code with another meaning: it was ${describeMeaning(first.was)} in ${first.usedIn}, now ${describeMeaning(first.now)}. A code never changes meaning: give the changed question a new code.`,
      conflicts.map((c) => ({
        path: `definition.questions.${c.index}.id`,
        message: `${c.questionId} was ${describeMeaning(c.was)} in ${c.usedIn}; now ${describeMeaning(c.now)}`,
      })),
    );
    this.questionId = first.questionId;
  }
}

/**
 * Survey versions are immutable once a response uses them, so a locked
 * version may be cached forever in any process without going stale.
 */
export class SurveysService {
  private readonly locked = new Map<string, SurveyVersion>();

  constructor(private readonly entities: Entities) {}

  async get(id: string): Promise<SurveyVersion | null> {
    return this.locked.get(id) ?? (await this.entities.get('surveyVersion', id));
  }

  /** Marks the version as used (from now on immutable) the first time a response names it. */
  async lockForUse(v: SurveyVersion): Promise<void> {
    if (this.locked.has(v.id)) return;
    if (!v.lockedAt) {
      v = { ...v, lockedAt: new Date().toISOString() };
      await this.entities.put('surveyVersion', v);
    }
    this.locked.set(v.id, v);
  }

  /**
   * A new version of a survey; editing a used version is never allowed, so
   * edits always make a new one. Refused with SurveyCodeReusedError when it
   * reuses a code of any earlier version of the organisation with another meaning.
   */
  async createVersion(orgId: string, key: string, definition: unknown, copiedFrom: string | null = null): Promise<SurveyVersion> {
    const all = await this.entities.list('surveyVersion', { orgId });
    const parsed = checkedDefinition(all, definition);
    const versions = all.filter((v) => v.key === key);
    const version = Math.max(0, ...versions.map((v) => v.version)) + 1;
    const sv: SurveyVersion = {
      id: `${key}-v${version}-${randomUUID().slice(0, 8)}`,
      orgId,
      key,
      version,
      definition: parsed,
      createdAt: new Date().toISOString(),
      lockedAt: null,
      ...(copiedFrom ? { copiedFrom } : {}),
    };
    await this.entities.insert('surveyVersion', sv);
    return sv;
  }

  /**
   * A draft's definition replaced, checked like a new version against every
   * other version of the organisation. The caller has checked that it is a
   * draft (never active, never answered: surveys-rules.ts).
   */
  async replaceDefinition(v: SurveyVersion, definition: unknown): Promise<SurveyVersion> {
    if (this.locked.has(v.id) || v.lockedAt) throw new DomainError('conflict', 'This survey version has responses: it never changes', [{ path: 'id', message: 'answered' }]);
    const others = (await this.entities.list('surveyVersion', { orgId: v.orgId })).filter((x) => x.id !== v.id);
    const next: SurveyVersion = { ...v, definition: checkedDefinition(others, definition) };
    await this.entities.put('surveyVersion', next);
    return next;
  }
}

/** The definition parsed (400 naming each `definition.<path>`) and checked against the earlier versions' codes (409). */
function checkedDefinition(earlier: readonly SurveyVersion[], definition: unknown): SurveyDefinition {
  const parsed = SurveyDefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    throw new DomainError(
      'invalid-input',
      'Invalid survey definition',
      parsed.error.issues.map((i) => ({ path: `definition.${i.path.join('.')}`, message: i.message })),
    );
  }
  const conflicts = codeConflicts(earlier, parsed.data as SurveyDefinition);
  if (conflicts.length) throw new SurveyCodeReusedError(conflicts);
  return parsed.data as SurveyDefinition;
}
