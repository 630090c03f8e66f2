/**
 * The one error shape of every endpoint: `{ error: { code, message, details? } }`.
 * Codes are kebab-case and stable (clients branch on them); messages are for
 * people and may change.
 */
import { z } from 'zod';
import { describe } from './common';

/** Codes a domain error carries (server/domain/errors.ts), plus `internal` from the error middleware. */
export const ERROR_CODES = [
  'invalid-input',
  'unprocessable',
  'not-found',
  'conflict',
  'already-answered',
  'unauthorized',
  'forbidden',
  'rate-limited',
  'payload-too-large',
  'unavailable',
  'password-change-required',
  'internal',
] as const;
export type ApiErrorCode = (typeof ERROR_CODES)[number];
export const ApiErrorCodeSchema = z.enum(ERROR_CODES).meta({ id: 'ErrorCode' });

/** One bad field: `path` is dotted (`answers.O`), empty for the whole body. */
export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() }).meta({ id: 'FieldIssue' });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const ApiErrorSchema = z
  .object({
    code: ApiErrorCodeSchema.meta(describe('Mã lỗi ổn định, để chương trình xử lý', 'Stable error code, for programs')),
    message: z.string().meta(describe('Mô tả cho người đọc (có thể thay đổi)', 'Human-readable text (may change)')),
    /** Per-field issues for `invalid-input` / `unprocessable`; some errors carry an object instead. */
    details: z
      .union([z.array(FieldIssueSchema), z.record(z.string(), z.unknown())])
      .meta(describe('Các trường sai (path, message)', 'The bad fields (path, message)'))
      .optional(),
    /** Only on `internal`: quote it when reporting the problem. */
    requestId: z.string().optional(),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const ErrorEnvelopeSchema = z
  .object({ error: ApiErrorSchema })
  .meta({ id: 'ErrorEnvelope', description: 'Mọi lỗi có cùng dạng / every error has this shape' });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** Builds the envelope (the error middleware's one constructor of it). */
export const errorEnvelope = (code: ApiErrorCode, message: string, details?: ApiError['details'], requestId?: string): ErrorEnvelope => ({
  error: { code, message, ...(details === undefined ? {} : { details }), ...(requestId === undefined ? {} : { requestId }) },
});
