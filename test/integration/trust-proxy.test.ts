/**
 * Limits keyed on the client address must key on an address nobody can choose.
 * Issue 9, item 8: from loopback, a made-up X-Forwarded-For reset the enrolment
 * limit, because the default trusted loopback as a proxy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { ENROL_ATTEMPTS_PER_WINDOW } from '../../server/domain/devices.service';
import { loadConfig } from '../../server/config';

let s: TestServer | null = null;
afterEach(async () => {
  await s?.stop();
  s = null;
});

const enrol = (xff?: string) =>
  s!.api('/api/v1/devices/enrol', { method: 'POST', json: { code: 'ABCD-EFGH' }, headers: xff ? { 'x-forwarded-for': xff } : {} });

/** Uses up the allowance with a different made-up left-most address every time. */
async function exhaust(suffix = ''): Promise<void> {
  for (let i = 0; i < ENROL_ATTEMPTS_PER_WINDOW; i++) expect((await enrol(`198.51.100.${i % 250}${suffix}`)).status).toBe(401);
}

describe('TRUST_PROXY', () => {
  it('by default a spoofed X-Forwarded-For from loopback does not reset the enrolment limit', async () => {
    s = await startTestServer();
    await exhaust();
    expect((await enrol('192.0.2.77')).status).toBe(429);
    expect((await enrol()).status).toBe(429);
  });

  it('with a trusted proxy list, limits key on the address the proxy appended (the right-most untrusted hop)', async () => {
    s = await startTestServer({ TRUST_PROXY: 'loopback' });
    await exhaust(', 203.0.113.7'); // the proxy (loopback here) appended 203.0.113.7 after the client's made-up value
    expect((await enrol('192.0.2.77, 203.0.113.7')).status).toBe(429);
    expect((await enrol('203.0.113.8')).status).toBe(401); // another client behind the same proxy is not limited
  });

  it('with a hop count, the address that many hops back is used', async () => {
    s = await startTestServer({ TRUST_PROXY: '1' });
    await exhaust(', 203.0.113.9');
    expect((await enrol('10.9.9.9, 203.0.113.9')).status).toBe(429);
    expect((await enrol('203.0.113.10')).status).toBe(401);
  });
});

describe('TRUST_PROXY parsing', () => {
  const parse = (v?: string) => loadConfig(v === undefined ? {} : { TRUST_PROXY: v }).TRUST_PROXY;
  it('trusts nothing unless configured', () => {
    expect(parse()).toBe(false);
    expect(parse('false')).toBe(false);
    expect(parse('0')).toBe(false);
  });
  it('takes a hop count or a list of subnets and names', () => {
    expect(parse('2')).toBe(2);
    expect(parse('loopback, 10.0.0.0/8,192.168.1.5')).toEqual(['loopback', '10.0.0.0/8', '192.168.1.5']);
  });
  it('refuses "true" (it would trust any client-written header) and malformed entries', () => {
    expect(() => parse('true')).toThrow(/TRUST_PROXY/);
    expect(() => parse('10.0.0.0/99')).toThrow(/TRUST_PROXY/);
    expect(() => parse('proxy.example')).toThrow(/TRUST_PROXY/);
  });
});
