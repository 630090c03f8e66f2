/**
 * The figures' dimensions and channels as the HTTP contract names them.
 * One small file so stats queries, response lists and the OpenAPI document
 * share the same enums.
 *
 * One list, not two: where a dimensions registry declares these arrays
 * (shared/dimensions.ts: CHANNELS, DIMENSIONS, VERIFIED_FILTERS), this file
 * takes them from it and only adds the documentation (`.meta`); the compile
 * check in server/http/dto.ts keeps the store's GroupDimension equal to it.
 */
import { z } from 'zod';
import { CHANNELS } from '../response.schema';

export { CHANNELS, type Channel } from '../response.schema';
export const ChannelSchema = z.enum(CHANNELS).meta({ id: 'Channel', description: 'kiosk = máy tại quầy, qr = mã QR tại quầy, link = đường dẫn theo hồ sơ / kiosk, counter QR, dossier link' });

/** What a breakdown can be grouped by (the aggregate keys, store `GroupDimension`). */
export const GROUP_DIMENSIONS = ['unitId', 'servicePointId', 'officerId', 'procedureId', 'channel', 'verified'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];
export const GroupDimensionSchema = z.enum(GROUP_DIMENSIONS).meta({ id: 'GroupDimension' });

/** Which responses a figure counts: verified only, all, or unverified only. */
export const VERIFIED_MODES = ['only', 'all', 'unverified'] as const;
export type VerifiedMode = (typeof VERIFIED_MODES)[number];
export const VerifiedModeSchema = z.enum(VERIFIED_MODES).meta({ id: 'VerifiedMode' });

export const BUCKET_SIZES = ['hour', 'day', 'week', 'month'] as const;
export const BucketSizeSchema = z.enum(BUCKET_SIZES).meta({ id: 'BucketSize' });
