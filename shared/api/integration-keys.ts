/**
 * Integration API keys for the one-stop software (admin only):
 *   GET /integration-keys · POST /integration-keys (the key is in that answer only) · DELETE /integration-keys/:id
 * The software then sends `Authorization: Bearer hlk_…` to POST /survey-links.
 */
import { z } from 'zod';
import { IsoTimeSchema, itemsOf } from './common';

export const IntegrationKeySchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    /** What the key is for, e.g. "Hệ thống một cửa tỉnh". */
    name: z.string(),
    /** The first characters of the key, to tell keys apart in a list. */
    prefix: z.string(),
    createdAt: IsoTimeSchema,
    createdBy: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'IntegrationKey' });
export type IntegrationKey = z.infer<typeof IntegrationKeySchema>;

export const IntegrationKeyListSchema = itemsOf(IntegrationKeySchema).meta({ id: 'IntegrationKeyList' });
export type IntegrationKeyList = z.infer<typeof IntegrationKeyListSchema>;

export const IntegrationKeyCreateBodySchema = z.object({ name: z.string().trim().min(1).max(80) }).meta({ id: 'IntegrationKeyCreateBody' });
export type IntegrationKeyCreateBody = z.infer<typeof IntegrationKeyCreateBodySchema>;

/** 201: the record plus the key itself, shown only in this answer (`cache-control: no-store`). */
export const CreatedIntegrationKeySchema = IntegrationKeySchema.extend({ key: z.string().meta({ example: 'hlk_…' }) }).meta({ id: 'CreatedIntegrationKey' });
export type CreatedIntegrationKey = z.infer<typeof CreatedIntegrationKeySchema>;
