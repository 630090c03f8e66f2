/**
 * A guard for ZIP files read by exceljs (an XLSX is a ZIP): a small upload
 * can declare or inflate to gigabytes (a "zip bomb") and exhaust the server's
 * memory. Before any library reads the file, this walks the central
 * directory, caps the entry count and the total declared uncompressed size,
 * then inflates each entry with a hard output cap equal to its declared size,
 * so a file lying about its sizes is caught too (the library would trust it).
 * Zip64 is refused: a procedure list never comes near 4 GB.
 */
import { inflateRawSync } from 'node:zlib';

export const ZIP_MAX_ENTRIES = 1000;
export const ZIP_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Null when the ZIP stays within the caps, else the reason (for a 400 naming `file`). */
export function zipProblem(bytes: Uint8Array, maxEntries = ZIP_MAX_ENTRIES, maxTotal = ZIP_MAX_UNCOMPRESSED_BYTES): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const unreadable = 'The file is not a readable XLSX workbook';
  // The end record is the last 22 bytes, plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return unreadable;
  const entries = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) return 'The file is too large when unpacked (Zip64)';
  if (entries > maxEntries) return `The file holds more than ${maxEntries} parts`;
  if (dirOffset + dirSize > bytes.length) return unreadable;
  // First the declared sizes, all of them (cheap: nothing is inflated yet).
  const parts: { method: number; compressed: number; size: number; localAt: number }[] = [];
  let at = dirOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return unreadable;
    const part = { method: view.getUint16(at + 10, true), compressed: view.getUint32(at + 20, true), size: view.getUint32(at + 24, true), localAt: view.getUint32(at + 42, true) };
    if (part.size === 0xffffffff || part.compressed === 0xffffffff) return 'The file is too large when unpacked (Zip64)';
    total += part.size;
    if (total > maxTotal) return `The file unpacks to more than ${Math.round(maxTotal / 1024 / 1024)} MB`;
    parts.push(part);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  // Then each part inflated with its declared size as a hard cap: a directory that lies is caught here.
  for (const { method, compressed, size, localAt } of parts) {
    if (localAt + 30 > bytes.length || view.getUint32(localAt, true) !== LOCAL) return unreadable;
    const dataAt = localAt + 30 + view.getUint16(localAt + 26, true) + view.getUint16(localAt + 28, true);
    if (dataAt + compressed > bytes.length) return unreadable;
    if (method === 8) {
      try {
        // maxOutputLength must be ≥ 1; one byte more than declared tells "bigger than it says" from "exactly".
        const out = inflateRawSync(bytes.subarray(dataAt, dataAt + compressed), { maxOutputLength: size + 1 });
        if (out.length > size) return 'The file unpacks to more than its parts declare';
        if (out.length !== size) return unreadable;
      } catch (err) {
        return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'The file unpacks to more than its parts declare' : unreadable;
      }
    } else if (method === 0) {
      if (compressed !== size) return unreadable;
    } else return unreadable;
  }
  return null;
}
