/**
 * The rating-session lifecycle (issue 15) through the real services on a
 * SQLite file: open, rate once (procedure and dossier from the session),
 * replay, a second rating, expiry, another counter's session, and a counter
 * that rates always.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { openStore } from '../../server/store';
import { createContext, type AppContext } from '../../server/context';
import { ensureBootstrap } from '../../server/domain/bootstrap';
import { addFixtureOffice, testConfig, ADMIN } from '../helpers/test-server';
import { SESSION_INGEST_GRACE_MS, SESSION_OPEN_MS } from '../../server/domain/rating-sessions.service';
import { DomainError } from '../../server/domain/errors';
import type { Caller } from '../../server/domain/permissions';
import type { KioskRatingSession } from '../../shared/kiosk-protocol';

let dir: string;
let ctx: AppContext;
let surveyVersionId: string;
let orgId: string;
const admin = (): Caller => ({ orgId, role: 'admin', unitId: null, email: ADMIN.email });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hl-sessions-'));
  const store = await openStore({ dataDir: dir });
  ctx = createContext(testConfig({ DATA_DIR: dir }), store, pino({ level: 'silent' }), 'test');
  await ensureBootstrap(ctx);
  ({ surveyVersionId } = await addFixtureOffice(ctx));
  orgId = (await ctx.entities.list('organisation'))[0].id;
  await ctx.ratingSessions.setRatingMode(admin(), 'sp-t1', 'after-service');
});
afterAll(async () => {
  await ctx.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const device = async () => (await ctx.entities.get('device', 'dev-t1'))!;
const rating = (sessionId: string | undefined, over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  surveyVersionId,
  channel: 'kiosk',
  servicePointId: 'sp-t1',
  answers: { O: 4 },
  locale: 'vi',
  ...(sessionId ? { sessionId } : {}),
  ...over,
});
const open = (input: Record<string, string> = {}) =>
  ctx.ratingSessions.open({ kind: 'integration-key', orgId, keyId: 'key-test' }, { counter: 'T1', procedureCode: '1.000001', ...input });
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, details: err.details };
    throw err;
  }
  return null;
};

describe('a rating session', () => {
  it('is announced to the counter with its procedure, and stores only hashes of the dossier and ticket', async () => {
    const seen: KioskRatingSession[] = [];
    const off = (e: { session: KioskRatingSession }) => seen.push(e.session);
    ctx.events.on('rating-session:opened', off);
    const { session } = await open({ dossierRef: 'HS-2026-0001', ticket: 'A015' });
    ctx.events.off('rating-session:opened', off);
    expect(seen).toEqual([{ id: session.id, expiresAt: session.expiresAt, procedure: { code: '1.000001', name: { vi: 'Thủ tục một', en: 'Procedure one' } } }]);
    expect(Date.parse(session.expiresAt) - Date.parse(session.createdAt)).toBe(SESSION_OPEN_MS);
    expect(session.dossierRefHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(session)).not.toMatch(/HS-2026-0001|A015/);
    expect(session.officerId).toBe('off-1'); // the officer on duty
  });

  it('is answered once: the rating takes the procedure from the session, not from the body', async () => {
    const { session } = await open();
    const body = rating(session.id, { procedureCode: 'not-a-procedure', officerId: 'off-2' });
    expect(await ctx.ingest.ingest(body, { device: await device() })).toEqual({ id: body.id, status: 'stored' });
    const stored = await ctx.store.getResponse(body.id);
    expect(stored).toMatchObject({ procedureId: 'proc-1', officerId: 'off-1', channel: 'kiosk', servicePointId: 'sp-t1' });
  });

  it('answers a replay of the same rating as a duplicate, and a second rating as already answered', async () => {
    const { session } = await open();
    const body = rating(session.id);
    await ctx.ingest.ingest(body, { device: await device() });
    expect((await ctx.ingest.ingest(body, { device: await device() })).status).toBe('duplicate');
    expect((await refusal(ctx.ingest.ingest(rating(session.id, { answers: { O: 5 } }), { device: await device() })))?.code).toBe('already-answered');
  });

  it('counts the named dossier once, whether answered by kiosk or again by another session for it', async () => {
    const a = await open({ dossierRef: 'HS-42' });
    const b = await open({ dossierRef: 'HS-42' });
    await ctx.ingest.ingest(rating(a.session.id), { device: await device() });
    expect((await refusal(ctx.ingest.ingest(rating(b.session.id), { device: await device() })))?.code).toBe('already-answered');
  });

  it('expires silently: a rating arriving after the session and its outbox grace is stored but held for review', async () => {
    const { session } = await open();
    vi.useFakeTimers({ now: Date.parse(session.expiresAt) + SESSION_INGEST_GRACE_MS + 1000, toFake: ['Date'] });
    try {
      const body = rating(session.id);
      expect((await ctx.ingest.ingest(body, { device: await device() })).status).toBe('stored');
      expect((await ctx.store.getResponse(body.id))?.suspect?.reason).toBe('no-session');
    } finally {
      vi.useRealTimers();
    }
  });

  it('accepts a rating pressed in time but sent late from the outbox (within the grace)', async () => {
    const { session } = await open();
    vi.useFakeTimers({ now: Date.parse(session.expiresAt) + 3600_000, toFake: ['Date'] });
    try {
      const body = rating(session.id);
      expect((await ctx.ingest.ingest(body, { device: await device() })).status).toBe('stored');
    } finally {
      vi.useRealTimers();
    }
  });

  it('holds for review, never drops, a kiosk rating at an after-service counter without a session or with an unknown one', async () => {
    for (const sessionId of [undefined, 'no-such-session']) {
      const body = rating(sessionId);
      expect((await ctx.ingest.ingest(body, { device: await device() })).status).toBe('stored');
      const stored = await ctx.store.getResponse(body.id);
      expect(stored?.suspect).toMatchObject({ reason: 'no-session', accepted: null });
      expect(stored?.procedureId).toBeNull();
    }
  });

  it("belongs to its counter: another counter's session gives nothing (the rating is held for review)", async () => {
    await ctx.ratingSessions.setRatingMode(admin(), 'sp-t2', 'after-service');
    const other = await open({ counter: 'T2' });
    const body = rating(other.session.id);
    expect((await ctx.ingest.ingest(body, { device: await device() })).status).toBe('stored');
    expect((await ctx.store.getResponse(body.id))?.suspect?.reason).toBe('no-session');
  });

  it('cannot be opened at a counter that rates always, and names only known procedures', async () => {
    await ctx.ratingSessions.setRatingMode(admin(), 'sp-t2', 'always');
    expect((await refusal(open({ counter: 'T2' })))?.code).toBe('conflict');
    expect((await refusal(open({ procedureCode: '9.999' })))?.code).toBe('unprocessable');
    expect((await refusal(open({ counter: 'nope' })))?.code).toBe('unprocessable');
  });
});
