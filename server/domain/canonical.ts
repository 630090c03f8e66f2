import { hash } from 'node:crypto';

/**
 * JSON with sorted keys, so the same body always hashes the same however it
 * was written. Runs once per rating on the ingest path, hence plain loops
 * rather than entries/filter/map chains; the output is unchanged (objects by
 * their own enumerable keys in code-unit order, undefined members left out,
 * anything else as JSON.stringify writes it, `null` where it writes nothing).
 */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ',';
      // A hole writes nothing, as Array.prototype.join does.
      if (i in v) out += canonicalJson(v[i]);
    }
    return out + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const x = o[k];
    if (x === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(x)}`;
    first = false;
  }
  return out + '}';
}

/** One-shot hashing (no Hash object per call): every rating hashes its body and its device token. */
export const sha256 = (s: string): string => hash('sha256', s, 'hex');
