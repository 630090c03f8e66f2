import { describe, expect, it } from 'vitest';
import { formatHash, parseHash, sameRoute } from '../../admin/src/router';

describe('admin router: parseHash', () => {
  it('reads the view and its params', () => {
    expect(parseHash('#/breakdown?from=2026-11-01&to=2026-11-30&groupBy=officerId')).toEqual({
      view: 'breakdown',
      params: { from: '2026-11-01', to: '2026-11-30', groupBy: 'officerId' },
    });
  });

  it('reads the bare address and "#/" as the default view with no params', () => {
    for (const h of ['', '#', '#/', '#//']) expect(parseHash(h)).toEqual({ view: '', params: {} });
  });

  it('accepts the address without a slash and with a trailing one', () => {
    expect(parseHash('#overview')).toEqual({ view: 'overview', params: {} });
    expect(parseHash('#/overview/?sort=today-n')).toEqual({ view: 'overview', params: { sort: 'today-n' } });
  });

  it('decodes Vietnamese and reserved characters in values, and drops empty values', () => {
    expect(parseHash('#/comments?q=ch%E1%BB%9D+l%C3%A2u&unit=&x=a%26b%3Dc').params).toEqual({ q: 'chờ lâu', x: 'a&b=c' });
  });

  it('shows the default view for a broken escape rather than failing', () => {
    expect(parseHash('#/%E0%A4%A?x=1')).toEqual({ view: '', params: { x: '1' } });
  });
});

describe('admin router: formatHash', () => {
  it('writes #/<view>?<params>, leaving out empty and undefined values', () => {
    expect(formatHash({ view: 'breakdown', params: { from: '2026-11-01', unitId: undefined, officerId: '', groupBy: 'unitId' } })).toBe(
      '#/breakdown?from=2026-11-01&groupBy=unitId',
    );
    expect(formatHash({ view: 'overview' })).toBe('#/overview');
  });

  it('round-trips through parseHash, whatever the values hold', () => {
    const route = { view: 'comments', params: { q: 'Chờ lâu & không ai hướng dẫn?', unitId: 'unit/a#1', sort: 'today-rate' } };
    expect(parseHash(formatHash(route))).toEqual(route);
  });

  it('treats the same params in another order as the same address', () => {
    expect(sameRoute(parseHash('#/b?x=1&y=2'), parseHash('#/b?y=2&x=1'))).toBe(true);
    expect(sameRoute(parseHash('#/b?x=1'), parseHash('#/b?x=2'))).toBe(false);
  });
});
