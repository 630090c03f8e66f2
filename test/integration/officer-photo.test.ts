/**
 * Officer photos: JPEG, PNG or WebP up to 2 MB, checked by their bytes,
 * resized on the server to a 256 px WebP square without metadata, served to
 * the admin and the kiosk, removable; everything else is a 4xx naming photo.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/test-server';
import { startWithAdmin } from '../helpers/server-session';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  ({ s, admin } = await startWithAdmin());
});
afterAll(() => s.stop());

const upload = (id: string, body: Uint8Array, type: string, cookie = admin) =>
  s.api(`/api/v1/officers/${id}/photo`, { method: 'POST', cookie, headers: { 'content-type': type }, body: body as BodyInit });
const kiosk = () => ({ authorization: `Bearer ${s.deviceToken}` });
const photo = (w: number, h: number, r = 40) => sharp({ create: { width: w, height: h, channels: 3, background: { r, g: 90, b: 160 } } });

describe('officer photo', () => {
  it('a 1200×800 JPEG becomes a 256 px WebP square, shown on the kiosk of the counter they serve', async () => {
    const jpeg = await photo(1200, 800).withMetadata({ exif: { IFD0: { Copyright: 'secret camera' } } }).jpeg().toBuffer();
    const res = await upload('off-1', jpeg, 'image/jpeg');
    expect(res.status).toBe(200);
    const officer = await res.json();
    expect(officer.photoUrl).toMatch(/^\/api\/v1\/officer-photos\/off-1\?v=[0-9a-f]{16}$/);

    const img = await s.api(officer.photoUrl);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/webp');
    expect(img.headers.get('cache-control')).toContain('immutable');
    const bytes = Buffer.from(await img.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();

    const config = await (await s.api('/api/v1/kiosk/config', { headers: kiosk() })).json();
    expect(config.officer).toMatchObject({ id: 'off-1', photoUrl: officer.photoUrl });
    const audit = (await (await s.api('/api/v1/audit?action=officer.photo-set', { cookie: admin })).json()).items;
    expect(audit[0]).toMatchObject({ target: 'off-1', details: { before: { photoUrl: null }, after: { photoUrl: officer.photoUrl } } });
  });

  it('takes PNG and WebP too, whatever type the upload claims; a new photo gets a new URL', async () => {
    const first = (await s.ctx.entities.get('officer', 'off-1'))!.photoUrl;
    const png = await photo(300, 600, 200).png().toBuffer();
    const a = await (await upload('off-1', png, 'application/octet-stream')).json();
    expect(a.photoUrl).not.toBe(first);
    const webp = await photo(256, 256).webp().toBuffer();
    expect((await upload('off-2', webp, 'image/webp')).status).toBe(200);
  });

  it('refuses other files, damaged images and more than 2 MB with a 4xx naming photo', async () => {
    const gif = Buffer.from('GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;', 'binary');
    const notImage = await upload('off-1', gif, 'image/gif');
    expect(notImage.status).toBe(400);
    expect((await notImage.json()).error.details[0]).toMatchObject({ path: 'photo', message: 'only JPEG, PNG or WebP images' });
    const svg = await upload('off-1', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml');
    expect(svg.status).toBe(400);
    const damaged = await upload('off-1', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]), 'image/jpeg');
    expect(damaged.status).toBe(400);
    expect((await damaged.json()).error.details[0].path).toBe('photo');
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2 * 1024 * 1024 + 10)]);
    const tooBig = await upload('off-1', big, 'image/jpeg');
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error.details[0].path).toBe('photo');
    const empty = await upload('off-1', Buffer.alloc(0), 'image/jpeg');
    expect(empty.status).toBe(400);
    // Nothing of these replaced the photo.
    expect((await s.ctx.entities.get('officer', 'off-1'))!.photoUrl).toMatch(/officer-photos/);
  });

  it('a unit head sets photos of their unit only; an unknown officer is 404', async () => {
    const { temporaryPassword } = await (await s.api('/api/v1/users', { method: 'POST', cookie: admin, json: { email: 'head.a@test.local', name: 'Head A', role: 'unit-head', unitId: 'unit-a' } })).json();
    const head = await s.login('head.a@test.local', temporaryPassword);
    await s.api('/api/v1/me/password', { method: 'POST', cookie: head, json: { currentPassword: temporaryPassword, newPassword: 'head-own-password-1' } });
    const png = await photo(100, 100).png().toBuffer();
    expect((await upload('off-1', png, 'image/png', head)).status).toBe(200);
    expect((await upload('off-2', png, 'image/png', head)).status).toBe(403);
    expect((await upload('nobody', png, 'image/png')).status).toBe(404);
  });

  it('is removed: back to initials on the kiosk, the old URL answers 404, audited', async () => {
    const url = (await s.ctx.entities.get('officer', 'off-1'))!.photoUrl!;
    const res = await s.api('/api/v1/officers/off-1/photo', { method: 'DELETE', cookie: admin });
    expect(res.status).toBe(200);
    expect((await res.json()).photoUrl).toBeNull();
    expect((await s.api(url)).status).toBe(404);
    const config = await (await s.api('/api/v1/kiosk/config', { headers: kiosk() })).json();
    expect(config.officer.photoUrl).toBeNull();
    const audit = (await (await s.api('/api/v1/audit?action=officer.photo-remove', { cookie: admin })).json()).items;
    expect(audit[0]).toMatchObject({ target: 'off-1', details: { after: { photoUrl: null } } });
  });
});
