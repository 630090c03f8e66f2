/**
 * First start on an empty store: the organisation, its default SIPAS survey
 * and the first admin; then, unless SEED_DEMO=false, the demo office.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import type { Organisation } from './entities';
import type { AuthService } from './auth.service';
import type { AuditService } from './audit.service';
import { defaultSurveyDefinition } from '../../shared/survey';
import { seedDemo, type SeedDeps } from './seed';
import { seedDemoOutcomes, type SeedOutcomesDeps } from './seed-outcomes';

export const DEFAULT_ORG_ID = 'org-main';

export interface BootstrapDeps extends SeedDeps, SeedOutcomesDeps {
  config: Pick<Config, 'SEED_DEMO' | 'ADMIN_EMAIL' | 'ADMIN_PASSWORD'>;
  auth: AuthService;
  audit: AuditService;
}

export async function ensureBootstrap(ctx: BootstrapDeps): Promise<{ created: boolean; adminPassword?: string }> {
  const existing = await ctx.entities.list('organisation', { limit: 1 });
  if (existing.length) return { created: false };

  const demo = ctx.config.SEED_DEMO;
  const org: Organisation = {
    id: DEFAULT_ORG_ID,
    name: demo
      ? { vi: 'Sở Ngoại vụ tỉnh Hài Lòng (dữ liệu mẫu)', en: 'Department of Foreign Affairs (demo data)' }
      : { vi: 'Cơ quan của tôi', en: 'My office' },
    shortName: demo ? 'SNV' : undefined,
    target: 0.85,
    minSample: 30,
    indexMethod: 'mean-of-criteria',
    headlineVerifiedOnly: true,
    activeSurveyVersionId: null,
    kiosk: { idleSeconds: 20, minGapSeconds: 5 },
  };
  await ctx.entities.insert('organisation', org);
  const survey = await ctx.surveys.createVersion(org.id, 'sipas', defaultSurveyDefinition());
  org.activeSurveyVersionId = survey.id;
  await ctx.entities.put('organisation', org);
  // Active from the start: it may never be edited in place, only copied (issue 11).
  await ctx.entities.put('surveyVersion', { ...survey, activatedAt: survey.createdAt });

  const generated = !ctx.config.ADMIN_PASSWORD;
  const password = ctx.config.ADMIN_PASSWORD ?? randomBytes(9).toString('base64url');
  await ctx.auth.createUser({ orgId: org.id, email: ctx.config.ADMIN_EMAIL, name: 'Administrator', role: 'admin', password });
  if (generated) {
    // Printed once, on the first start only: the hash is all that is kept.
    process.stdout.write(
      `\n  First admin: ${ctx.config.ADMIN_EMAIL}\n  Generated password (shown only now): ${password}\n  Set ADMIN_EMAIL / ADMIN_PASSWORD to choose them instead.\n\n`,
    );
  }
  await ctx.audit.record({ orgId: org.id, actor: 'system', action: 'bootstrap', target: org.id, details: { demo } });
  if (demo) await seedDemo(ctx, org, survey);
  if (demo) await seedDemoOutcomes(ctx, org);
  return { created: true, adminPassword: generated ? password : undefined };
}
