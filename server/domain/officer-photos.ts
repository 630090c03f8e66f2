/**
 * Officer photos: an uploaded JPEG, PNG or WebP (at most 2 MB) is checked by
 * its own bytes (not the name or the declared type), turned upright from its
 * EXIF orientation, cropped to a centred square and resized to 256 px, and
 * stored as WebP without any metadata (no camera data or location leaves
 * the office). The kiosk and the admin show it from a URL that changes with
 * the picture, so it may be cached for good.
 *
 * sharp (libvips, prebuilt for this platform from the npm registry) does the
 * decoding and resizing: a pure-JS codec would hold a worker for seconds on
 * a 12-megapixel phone photo, and would bring a JPEG, PNG and WebP codec each.
 */
import sharp from 'sharp';
import { sha256 } from './canonical';
import { DomainError } from './errors';

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_SIZE_PX = 256;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** A phone photo is ~12–50 Mpx; far beyond is a decompression bomb, refused before decoding. */
const MAX_INPUT_PIXELS = 80_000_000;

/** What the bytes are, by their signature. */
export function imageTypeOf(b: Uint8Array): (typeof PHOTO_TYPES)[number] | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}

const badPhoto = (message: string) => new DomainError('invalid-input', `photo: ${message}`, [{ path: 'photo', message }]);

/** The stored square: WebP bytes and a short version (its hash) for the URL. */
export async function squarePhoto(bytes: Uint8Array): Promise<{ webp: Buffer; version: string }> {
  if (!bytes.length) throw badPhoto('send the image as the body (image/jpeg, image/png or image/webp)');
  if (bytes.length > PHOTO_MAX_BYTES) throw new DomainError('payload-too-large', 'photo: larger than 2 MB', [{ path: 'photo', message: 'at most 2 MB' }]);
  if (!imageTypeOf(bytes)) throw badPhoto('only JPEG, PNG or WebP images');
  let webp: Buffer;
  try {
    webp = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(PHOTO_SIZE_PX, PHOTO_SIZE_PX, { fit: 'cover', position: 'attention' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw badPhoto('the image cannot be read (damaged or too large in pixels)');
  }
  return { webp, version: sha256(webp.toString('base64')).slice(0, 16) };
}

/** Where the admin and the kiosk load it (public: the photo hangs at the counter anyway; the version makes it unguessable too). */
export const officerPhotoUrl = (officerId: string, version: string): string => `/api/v1/officer-photos/${encodeURIComponent(officerId)}?v=${version}`;
