/**
 * Survey links and counter posters:
 *   GET  /public/survey-context  the QR page's bootstrap (public)
 *   POST /survey-links           a dossier link, for the one-stop software (integration key)
 *   GET  /survey-links/stats     links issued vs answered (session)
 *   GET  /service-points/:id/poster | qr.svg | qr.png   counter posters (session)
 */
import { z } from 'zod';
import { SurveyDefinitionSchema } from '../survey';
import { IsoTimeSchema, LocalTextDtoSchema, describe } from './common';

/**
 * A dossier number as the one-stop software knows it. Only a keyed hash of
 * its normal form is kept; the normal form is: Unicode NFC, trimmed, runs of
 * spaces collapsed to one, upper-case (server/domain/dossier-ref.ts), so
 * "hs-001" and " HS-001 " are the same dossier. Shared by dossier links and
 * dossier outcomes.
 */
export const DossierRefSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .meta({
    ...describe(
      'Số hồ sơ trong hệ thống một cửa; chỉ lưu giá trị băm có khóa. Chuẩn hóa trước khi băm: bỏ khoảng trắng đầu/cuối, gộp khoảng trắng liên tiếp, viết hoa (không phân biệt hoa/thường)',
      'Dossier number in the one-stop system; only a keyed hash is kept. Normalised before hashing: trimmed, runs of spaces collapsed to one, upper-cased (case-insensitive)',
    ),
    example: 'H12.34-260115-0001',
  });

/**
 * `ok` — answer away; `used` — this dossier was already answered;
 * `expired` — past its date; `invalid` — forged, edited or unknown.
 * Counter links are always `ok` (an unknown counter is a 404).
 */
/** `inactive`: the counter is deactivated and takes no rating (the page says so before any question). */
export const LINK_STATES = ['ok', 'used', 'expired', 'invalid', 'inactive'] as const;
export type LinkState = (typeof LINK_STATES)[number];
export const LinkStateSchema = z.enum(LINK_STATES).meta({
  id: 'LinkState',
  ...describe('ok = trả lời được; used = hồ sơ đã được trả lời; expired = hết hạn; invalid = không hợp lệ; inactive = quầy tạm ngừng', 'ok = may answer; used = already answered; expired = past its date; invalid = forged or unknown; inactive = the counter is deactivated'),
});

export const SurveyContextQuerySchema = z
  .object({
    /** Counter code as printed on the poster (counter link, /s/<code>). */
    counter: z.string().trim().min(1).max(32).meta(describe('Mã quầy in trên tờ dán', 'Counter code printed on the poster')).optional(),
    /** Dossier link token (/l/<token>). */
    token: z.string().trim().min(1).max(512).meta(describe('Token của đường dẫn theo hồ sơ', 'Dossier link token')).optional(),
  })
  .refine((q) => Boolean(q.counter) !== Boolean(q.token), { message: 'give exactly one of counter or token', path: ['counter'] });
export type SurveyContextQuery = z.infer<typeof SurveyContextQuerySchema>;

export const SurveyContextSchema = z
  .object({
    state: LinkStateSchema,
    channel: z.enum(['qr', 'link']),
    /** Absent when the state is `invalid`: nothing is known about a bad token. */
    org: z.object({ name: LocalTextDtoSchema }).optional(),
    servicePoint: z.object({ id: z.string(), code: z.string(), name: LocalTextDtoSchema }).optional(),
    procedure: z.object({ code: z.string(), name: LocalTextDtoSchema }).nullable().optional(),
    /** Present only when the state is `ok`. */
    survey: z.object({ versionId: z.string(), definition: SurveyDefinitionSchema }).optional(),
  })
  .meta({ id: 'SurveyContext' });
export type SurveyContext = z.infer<typeof SurveyContextSchema>;

export const IssueLinkBodySchema = z
  .object({
    /** Counter code as printed on the counter (e.g. "Q1"). */
    counter: z.string().trim().min(1).max(32).meta({ ...describe('Mã quầy như in tại quầy', 'Counter code as printed at the counter'), example: 'Q1' }),
    /** National procedure code (mã TTHC), e.g. "1.001234". */
    procedureCode: z.string().trim().min(1).max(64).meta({ ...describe('Mã thủ tục hành chính (mã TTHC)', 'National administrative procedure code'), example: '1.001234' }),
    officerId: z.string().trim().min(1).max(64).meta(describe('Công chức tiếp nhận hồ sơ (không bắt buộc)', 'The officer who received the dossier (optional)')).optional(),
    /** The dossier number in the one-stop system; only a keyed hash of it is kept. */
    dossierRef: DossierRefSchema,
    /** Default: the server's configured lifetime. */
    expiresInDays: z.number().int().min(1).max(365).meta(describe('Số ngày hiệu lực (mặc định theo cấu hình máy chủ)', 'Days the link stays valid (default: server setting)')).optional(),
  })
  .meta({ id: 'IssueLinkBody' });
export type IssueLinkBody = z.infer<typeof IssueLinkBodySchema>;

/** 201: the link to print on the dossier receipt, as text and as a QR code. */
export const IssuedLinkSchema = z
  .object({
    url: z.string().meta(describe('Đường dẫn in trên giấy hẹn', 'The link to print on the receipt')),
    /** The token inside the URL; a credential for this one dossier. */
    token: z.string().meta(describe('Token trong đường dẫn; chỉ dùng cho hồ sơ này', 'The token inside the link; for this dossier only')),
    expiresAt: IsoTimeSchema,
    /** The QR code as an SVG document. */
    qrSvg: z.string().meta(describe('Mã QR dạng SVG', 'The QR code as an SVG document')),
    /** The QR code as a `data:image/png;base64,…` URL. */
    qrPng: z.string().meta(describe('Mã QR dạng data:image/png;base64,…', 'The QR code as a data:image/png;base64,… URL')),
  })
  .meta({ id: 'IssuedLink' });
export type IssuedLink = z.infer<typeof IssuedLinkSchema>;

export const LinkStatsQuerySchema = z.object({
  /** Local (Asia/Ho_Chi_Minh) days, both inclusive. Default: the last 30 days. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type LinkStatsQuery = z.infer<typeof LinkStatsQuerySchema>;

export const LinkStatsSchema = z
  .object({
    from: IsoTimeSchema,
    to: IsoTimeSchema,
    issued: z.number().int(),
    answered: z.number().int(),
    /** answered ÷ issued, at most 1 (answers to links issued before the period can fall in it); null when none were issued. */
    coverage: z.number().min(0).max(1).nullable(),
  })
  .meta({ id: 'LinkStats' });
export type LinkStats = z.infer<typeof LinkStatsSchema>;

/** Sizes a counter QR PNG may be asked in, px. */
export const QR_PNG_SIZES = { min: 128, max: 2048, default: 1024 } as const;

export const QrPngQuerySchema = z.object({
  size: z.coerce.number().int().min(QR_PNG_SIZES.min).max(QR_PNG_SIZES.max).default(QR_PNG_SIZES.default),
  /** `1`: as a download (attachment) rather than inline. */
  download: z.enum(['0', '1']).optional(),
});
/** GET /service-points/posters: all active counters the caller may print, or the listed ones (comma-separated ids), or one unit's. */
export const PostersQuerySchema = z.object({
  ids: z
    .string()
    .max(4000)
    .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(1).max(64)).min(1).max(200))
    .optional(),
  unitId: z.string().min(1).max(64).optional(),
});
export type PostersQuery = z.infer<typeof PostersQuerySchema>;
export const QrSvgQuerySchema = z.object({ download: z.enum(['0', '1']).optional() });
export type QrPngQuery = z.infer<typeof QrPngQuerySchema>;
export type QrSvgQuery = z.infer<typeof QrSvgQuerySchema>;
