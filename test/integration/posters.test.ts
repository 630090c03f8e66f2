import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { accountSession, startWithAdmin } from '../helpers/server-session';

const PUBLIC_URL = 'https://hailong.example.gov.vn';

let s: TestServer;
let admin: string;
let unitHeadB: string;
beforeAll(async () => {
  ({ s, admin } = await startWithAdmin({ PUBLIC_URL }));
  unitHeadB = await accountSession(s, { email: 'head-b@test.local', name: 'Head B', role: 'unit-head', unitId: 'unit-b' });
});
afterAll(async () => {
  await s.stop();
});

const decode = (png: Buffer): string | undefined => {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
};

describe('counter posters', () => {
  it('the QR PNG decodes, with a real QR decoder, to the counter link', async () => {
    const res = await s.api('/api/v1/service-points/sp-t1/qr.png', { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(decode(Buffer.from(await res.arrayBuffer()))).toBe(`${PUBLIC_URL}/s/T1`);
  });

  it('the QR PNG has the requested size and can be downloaded as a file', async () => {
    const res = await s.api('/api/v1/service-points/sp-t2/qr.png?size=300&download=1', { cookie: admin });
    const img = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect(img.width).toBe(300);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="qr-T2.png"');
    expect(decode(PNG.sync.write(img))).toBe(`${PUBLIC_URL}/s/T2`);
  });

  it('answers 400 naming size when it is out of bounds', async () => {
    const res = await s.api('/api/v1/service-points/sp-t1/qr.png?size=20000', { cookie: admin });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('size');
  });

  it('the QR SVG is a standalone SVG image', async () => {
    const res = await s.api('/api/v1/service-points/sp-t1/qr.svg', { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
  });

  it('the A4 poster names the office and counter in both languages, with the QR and the link', async () => {
    const res = await s.api('/api/v1/service-points/sp-t1/poster', { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('@page { size: A4 portrait');
    for (const text of ['Quầy T1', 'Counter T1', 'Cơ quan của tôi', 'My office', 'Đánh giá sự hài lòng', 'Rate our service', `${PUBLIC_URL}/s/T1`]) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/<svg[^>]+viewBox/);
    expect(html).not.toContain('PUBLIC_URL');
  });

  it('escapes names an admin typed', async () => {
    const sp = (await s.ctx.entities.get('servicePoint', 'sp-t2'))!;
    await s.ctx.entities.put('servicePoint', { ...sp, name: { vi: 'Quầy <b>2</b> & "Hai"', en: 'Counter 2' } });
    try {
      const html = await (await s.api('/api/v1/service-points/sp-t2/poster', { cookie: admin })).text();
      expect(html).toContain('Quầy &lt;b&gt;2&lt;/b&gt; &amp; &quot;Hai&quot;');
      expect(html).not.toContain('<b>2</b>');
    } finally {
      await s.ctx.entities.put('servicePoint', sp);
    }
  });

  it('need a session (401)', async () => {
    for (const p of ['poster', 'qr.svg', 'qr.png']) {
      expect((await s.api(`/api/v1/service-points/sp-t1/${p}`)).status, p).toBe(401);
    }
  });

  it('are limited to a unit head\'s own unit (403 elsewhere)', async () => {
    expect((await s.api('/api/v1/service-points/sp-t2/poster', { cookie: unitHeadB })).status).toBe(200);
    expect((await s.api('/api/v1/service-points/sp-t1/poster', { cookie: unitHeadB })).status).toBe(403);
  });

  it('answer 404 for an unknown counter', async () => {
    expect((await s.api('/api/v1/service-points/sp-nope/poster', { cookie: admin })).status).toBe(404);
  });
});

describe('a poster on a server without PUBLIC_URL', () => {
  it('warns that phones cannot open a localhost address', async () => {
    const local = await startTestServer();
    try {
      const cookie = await local.login();
      const html = await (await local.api('/api/v1/service-points/sp-t1/poster', { cookie })).text();
      expect(html).toContain('class="warning"');
      expect(html).toContain('PUBLIC_URL');
    } finally {
      await local.stop();
    }
  });
});
