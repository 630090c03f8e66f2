import { describe, expect, it } from 'vitest';
import { Encoder, Decoder, PacketType } from 'socket.io-parser';
import { backoffDelay, SYNC_BACKOFF } from '../../kiosk/src/outbox/backoff';
import { fill, needsFollowUp, newRatingId, tooSoon } from '../../kiosk/src/rating-rules';
import { decodeSio, encodeSio, socketUrl } from '../../kiosk/src/net/sio-codec';
import { formatEnrolmentCode, normaliseEnrolmentCode } from '../../shared/kiosk-protocol';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('tooSoon', () => {
  it('declines a rating within the minimum gap and accepts one after it', () => {
    expect(tooSoon(10_000, 14_999, 5)).toBe(true);
    expect(tooSoon(10_000, 15_000, 5)).toBe(false);
  });
  it('never blocks the first rating, a zero gap, or a clock that was set back', () => {
    expect(tooSoon(null, 0, 5)).toBe(false);
    expect(tooSoon(10_000, 10_001, 0)).toBe(false);
    expect(tooSoon(10_000, 5_000, 60)).toBe(false);
  });
});

describe('needsFollowUp', () => {
  it('opens the follow-up at or below the threshold only', () => {
    expect([1, 2, 3, 4, 5].map((v) => needsFollowUp(v, 3))).toEqual([true, true, true, false, false]);
  });
});

describe('newRatingId', () => {
  it('uses crypto.randomUUID when the context has it', () => {
    expect(newRatingId({ getRandomValues: (a) => a, randomUUID: () => 'from-random-uuid' })).toBe('from-random-uuid');
  });
  it('makes a valid v4 UUID from getRandomValues where randomUUID is missing (plain http)', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newRatingId({ getRandomValues: (a) => crypto.getRandomValues(a) })));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});

describe('backoffDelay', () => {
  it('draws uniformly below base × 2^attempt, capped at a minute (full jitter)', () => {
    expect(backoffDelay(0, () => 0.999)).toBe(999);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, () => 0.999)).toBeLessThan(SYNC_BACKOFF.maxMs);
    expect(backoffDelay(20, () => 0)).toBe(0);
  });
});

describe('fill', () => {
  it('fills named values and leaves unknown ones visible', () => {
    expect(fill('Chờ gửi: {n} · {x}', { n: 3 })).toBe('Chờ gửi: 3 · {x}');
  });
});

describe('enrolment codes', () => {
  it('normalise case, spaces and dashes and format as XXXX-XXXX', () => {
    expect(normaliseEnrolmentCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(formatEnrolmentCode('abcdefgh')).toBe('ABCD-EFGH');
    expect(formatEnrolmentCode('abc')).toBe('ABC');
  });
});

describe('the kiosk socket.io codec', () => {
  const reference = (packet: Parameters<Encoder['encode']>[0]) => new Encoder().encode(packet)[0] as string;

  it('encodes connect, event and ack-requesting event exactly like socket.io-parser', () => {
    expect(encodeSio({ type: 0, nsp: '/kiosk', data: { token: 't' } })).toBe(reference({ type: PacketType.CONNECT, nsp: '/kiosk', data: { token: 't' } }));
    expect(encodeSio({ type: 2, nsp: '/kiosk', data: ['kiosk:heartbeat', { outbox: 2 }] })).toBe(
      reference({ type: PacketType.EVENT, nsp: '/kiosk', data: ['kiosk:heartbeat', { outbox: 2 }] }),
    );
    expect(encodeSio({ type: 2, nsp: '/kiosk', id: 12, data: ['kiosk:heartbeat', {}] })).toBe(
      reference({ type: PacketType.EVENT, nsp: '/kiosk', id: 12, data: ['kiosk:heartbeat', {}] }),
    );
  });

  it('decodes what socket.io-parser encodes: events, acks, connect errors and disconnects', () => {
    const cases = [
      { type: PacketType.CONNECT, nsp: '/kiosk', data: { sid: 'abc', pid: 'p' } },
      { type: PacketType.EVENT, nsp: '/kiosk', data: ['kiosk:config', { idleSeconds: 20, name: 'Quầy, 1' }, 'offset-1'] },
      { type: PacketType.ACK, nsp: '/kiosk', id: 7, data: [{ ok: true, serverTime: 1 }] },
      { type: PacketType.CONNECT_ERROR, nsp: '/kiosk', data: { message: 'unauthorized' } },
      { type: PacketType.DISCONNECT, nsp: '/kiosk' },
    ];
    for (const c of cases) {
      const decoded = decodeSio(reference(c));
      expect(decoded).toEqual({ ...c, type: c.type as number });
      // and socket.io-parser reads our encoding back the same way
      const theirs = new Decoder();
      let back: unknown;
      theirs.on('decoded', (p) => (back = p));
      theirs.add(encodeSio(decoded!));
      expect(back).toMatchObject({ type: c.type, nsp: c.nsp, ...(c.data !== undefined ? { data: c.data } : {}) });
    }
  });

  it('refuses binary and malformed packets instead of throwing', () => {
    expect(decodeSio('51-/kiosk,["x",{"_placeholder":true,"num":0}]')).toBeNull();
    expect(decodeSio('2/kiosk,[oops')).toBeNull();
  });

  it('builds the websocket URL from the page origin', () => {
    expect(socketUrl('https://hailong.example.vn', '/socket.io')).toBe('wss://hailong.example.vn/socket.io/?EIO=4&transport=websocket');
    expect(socketUrl('http://localhost:8080', '/socket.io')).toBe('ws://localhost:8080/socket.io/?EIO=4&transport=websocket');
  });
});
