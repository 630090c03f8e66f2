import { randomUUID } from 'node:crypto';
import { DomainError } from './errors';
import type { Entities } from './entities';
import { SurveyDefinitionSchema, type SurveyDefinition, type SurveyVersion } from '../../shared/survey';

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

  /** A new version of a survey; editing a used version is never allowed, so edits always make a new one. */
  async createVersion(orgId: string, key: string, definition: unknown): Promise<SurveyVersion> {
    const parsed = SurveyDefinitionSchema.safeParse(definition);
    if (!parsed.success) {
      throw new DomainError(
        'invalid-input',
        'Invalid survey definition',
        parsed.error.issues.map((i) => ({ path: `definition.${i.path.join('.')}`, message: i.message })),
      );
    }
    const versions = (await this.entities.list('surveyVersion', { orgId })).filter((v) => v.key === key);
    const version = Math.max(0, ...versions.map((v) => v.version)) + 1;
    const sv: SurveyVersion = {
      id: `${key}-v${version}-${randomUUID().slice(0, 8)}`,
      orgId,
      key,
      version,
      definition: parsed.data as SurveyDefinition,
      createdAt: new Date().toISOString(),
      lockedAt: null,
    };
    await this.entities.insert('surveyVersion', sv);
    return sv;
  }
}
