/**
 * The waiting-room screen's pure rules: the settings in force when an admin
 * never chose (off, every part, every unit, a code from the short name), and
 * that no rate is given below the minimum sample.
 */
import { describe, expect, it } from 'vitest';
import { defaultScreenCode, figuresOf, screenSettingsOf } from '../../server/domain/public-screen.service';
import { PublicScreenPatchSchema } from '../../shared/api/public-screen';

describe('screen settings', () => {
  it('are off by default, with every part and every unit', () => {
    expect(screenSettingsOf({ id: 'org-main' })).toEqual({ enabled: false, code: 'org-main', parts: ['today', 'month', 'counters'], unitIds: null });
  });

  it('take the code from the short name when it makes one, else the id', () => {
    expect(defaultScreenCode({ id: 'org-main', shortName: 'SNV' })).toBe('SNV');
    expect(defaultScreenCode({ id: 'org-main', shortName: 'Sở NV' })).toBe('SoNV');
    expect(defaultScreenCode({ id: 'org-main', shortName: 'Đà Nẵng' })).toBe('DaNang');
    expect(defaultScreenCode({ id: 'org-main', shortName: '— ' })).toBe('org-main');
    expect(defaultScreenCode({ id: 'org-main' })).toBe('org-main');
  });

  it('keep the parts in screen order whatever order they were saved in', () => {
    const s = screenSettingsOf({ id: 'o', publicScreen: { enabled: true, code: 'x', parts: ['counters', 'today'], unitIds: ['u1'] } });
    expect(s).toEqual({ enabled: true, code: 'x', parts: ['today', 'counters'], unitIds: ['u1'] });
  });

  it('refuse unknown keys, an empty part list and a code with spaces', () => {
    expect(PublicScreenPatchSchema.safeParse({ enabled: true, extra: 1 }).success).toBe(false);
    expect(PublicScreenPatchSchema.safeParse({ parts: [] }).success).toBe(false);
    expect(PublicScreenPatchSchema.safeParse({ code: 'a b' }).success).toBe(false);
    expect(PublicScreenPatchSchema.safeParse({ code: 'phong-cho.1' }).success).toBe(true);
  });
});

describe('screen figures', () => {
  it('give no rate and no verdict below the minimum sample', () => {
    expect(figuresOf([0, 0, 0, 1, 1], 0.85, 3)).toEqual({ n: 2, satisfied: 2, enough: false, rate: null, meetsTarget: null });
    expect(figuresOf([0, 0, 0, 0, 0], 0.85, 3)).toEqual({ n: 0, satisfied: 0, enough: false, rate: null, meetsTarget: null });
  });

  it('give the rate and whether it meets the target from the minimum sample on', () => {
    expect(figuresOf([0, 0, 1, 1, 1], 0.85, 3)).toEqual({ n: 3, satisfied: 2, enough: true, rate: 2 / 3, meetsTarget: false });
    expect(figuresOf([0, 0, 0, 3, 3], 0.85, 3)).toMatchObject({ enough: true, rate: 1, meetsTarget: true });
  });
});
