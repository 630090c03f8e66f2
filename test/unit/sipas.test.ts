/**
 * The SIPAS method as data (../shared/SIPAS.md §2–3).
 */
import { describe, expect, it } from 'vitest';
import {
  CRITERION_CODES,
  ELEMENTS,
  ELEMENT_CODES,
  RATING_CODES,
  SCALE_LABELS,
  SCALE_VALUES,
  THREE_LEVEL_STORED,
  elementOf,
  isSatisfied,
} from '../../shared/sipas';
import { pick } from '../../shared/local-text';

describe('answer scale', () => {
  it('runs 1 to 5', () => {
    expect(SCALE_VALUES).toEqual([1, 2, 3, 4, 5]);
  });

  it('counts 4 and 5 as satisfied, 3 and below as not', () => {
    expect([1, 2, 3, 4, 5].map(isSatisfied)).toEqual([false, false, false, true, true]);
  });

  it('labels the scale as SIPAS.md §2, in order', () => {
    expect(SCALE_VALUES.map((v) => SCALE_LABELS[v].vi)).toEqual([
      'Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng',
    ]);
    expect(SCALE_VALUES.map((v) => SCALE_LABELS[v].en)).toEqual([
      'Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied',
    ]);
  });

  it('stores the three-level scale as 5 / 4 / 2', () => {
    expect(THREE_LEVEL_STORED).toEqual([5, 4, 2]);
  });
});

describe('elements and criteria', () => {
  it('has the five elements A, P, C, R, F', () => {
    expect(ELEMENT_CODES).toEqual(['A', 'P', 'C', 'R', 'F']);
    expect(ELEMENTS.map((e) => e.code)).toEqual(ELEMENT_CODES);
  });

  it('lists the element criteria in the order of CRITERION_CODES', () => {
    expect(ELEMENTS.flatMap((e) => e.criteria.map((c) => c.code))).toEqual(CRITERION_CODES);
  });

  it('has 3, 4, 4, 2 and 2 criteria per element', () => {
    expect(ELEMENTS.map((e) => e.criteria.length)).toEqual([3, 4, 4, 2, 2]);
  });

  it('maps a criterion to its element by its first letter', () => {
    expect(elementOf('A3')).toBe('A');
    expect(elementOf('C4')).toBe('C');
    expect(elementOf('F2')).toBe('F');
  });

  it('rating codes are O followed by the 15 criteria', () => {
    expect(RATING_CODES).toEqual(['O', ...CRITERION_CODES]);
  });
});

describe('pick', () => {
  it('picks the requested locale and falls back to Vietnamese when English is empty', () => {
    expect(pick({ vi: 'Khác', en: 'Other' }, 'en')).toBe('Other');
    expect(pick({ vi: 'Khác', en: '' }, 'en')).toBe('Khác');
  });
});
