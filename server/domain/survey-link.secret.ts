/**
 * The secret behind dossier-link signatures and dossier-reference hashes.
 * LINK_SECRET from the environment wins; otherwise one is generated on the
 * first start and kept as an entity, so every node behind the load balancer
 * signs and verifies with the same key without extra configuration.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Store } from '../store/types';

const SECRET_KIND = 'linkSecret';
const SECRET_ID = 'default';

interface StoredLinkSecret {
  /** 32 random bytes, base64url. */
  secret: string;
  createdAt: string;
}

/** Keys derived from the one secret, so a token signature can never double as a dossier hash or a client id. */
export interface LinkKeys {
  token: Buffer;
  dossier: Buffer;
  /** Signs the counter-QR client ids (`hl_client`) the server issues. */
  client: Buffer;
}

export function deriveLinkKeys(secret: Buffer): LinkKeys {
  return {
    token: createHmac('sha256', secret).update('hai-long/link-token/v1').digest(),
    dossier: createHmac('sha256', secret).update('hai-long/dossier-ref/v1').digest(),
    client: createHmac('sha256', secret).update('hai-long/client-id/v1').digest(),
  };
}

export async function loadLinkKeys(store: Store, configured: string | undefined): Promise<LinkKeys> {
  if (configured) return deriveLinkKeys(Buffer.from(configured, 'utf8'));
  const existing = await store.getEntity<StoredLinkSecret>(SECRET_KIND, SECRET_ID);
  if (existing) return deriveLinkKeys(Buffer.from(existing.data.secret, 'base64url'));
  const fresh: StoredLinkSecret = { secret: randomBytes(32).toString('base64url'), createdAt: new Date().toISOString() };
  const outcome = await store.insertEntity({ kind: SECRET_KIND, id: SECRET_ID, orgId: null, lookup: null, data: fresh, updatedAt: fresh.createdAt });
  if (outcome === 'inserted') return deriveLinkKeys(Buffer.from(fresh.secret, 'base64url'));
  // Another node generated it between our read and insert: use theirs.
  const winner = await store.getEntity<StoredLinkSecret>(SECRET_KIND, SECRET_ID);
  if (!winner) throw new Error('link secret vanished while being created');
  return deriveLinkKeys(Buffer.from(winner.data.secret, 'base64url'));
}
