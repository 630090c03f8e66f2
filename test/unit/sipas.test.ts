/**
 * The SIPAS method as data (../shared/SIPAS.md §2–3).
 */
import { describe, expect, it } from 'vitest';
import {
  CRITERION_CODES,
  ELEMENTS,
  ELEMENT_CODES,
  INTEGRITY_ANSWERS,
  INTEGRITY_CODES,
  INTEGRITY_QUESTIONS,
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

  it('has 4, 4, 5, 3 and 3 criteria per element: the 19 of the national form', () => {
    expect(ELEMENTS.map((e) => e.criteria.length)).toEqual([4, 4, 5, 3, 3]);
    expect(CRITERION_CODES).toHaveLength(19);
  });

  it('words the criteria as SIPAS.md §3 (vi condensed, en)', () => {
    const text = Object.fromEntries(ELEMENTS.flatMap((e) => e.criteria.map((c) => [c.code, c.text])));
    expect(text.A4).toEqual({ vi: 'Trang thiết bị đầy đủ, chất lượng tốt', en: 'Equipment sufficient and in good order' });
    expect(text.C4).toEqual({ vi: 'Tuân thủ đúng quy định khi giải quyết công việc', en: 'Follows the rules' });
    expect(text.C5.vi).toBe('Tận tình trong quá trình giải quyết công việc');
    expect(text.R3).toEqual({ vi: 'Kết quả bảo đảm công bằng', en: 'Result fair' });
    expect(text.F3.en).toBe('Outcome of feedback reported promptly');
  });

  it('maps a criterion to its element by its first letter', () => {
    expect(elementOf('A4')).toBe('A');
    expect(elementOf('C5')).toBe('C');
    expect(elementOf('F3')).toBe('F');
  });

  it('rating codes are O followed by the 19 criteria', () => {
    expect(RATING_CODES).toEqual(['O', ...CRITERION_CODES]);
  });
});

describe('the categorical questions H and M', () => {
  it('are H (harassment) and M (informal payments), each answered none / some / many', () => {
    expect(INTEGRITY_CODES).toEqual(['H', 'M']);
    expect(INTEGRITY_ANSWERS).toEqual(['none', 'some', 'many']);
    expect(INTEGRITY_QUESTIONS.map((q) => q.code)).toEqual(['H', 'M']);
  });

  it('word their answers as the national form', () => {
    const [h, m] = INTEGRITY_QUESTIONS;
    expect(INTEGRITY_ANSWERS.map((a) => h.answers[a].vi)).toEqual([
      'Không có công chức nào gây phiền hà, sách nhiễu',
      'Một số công chức gây phiền hà, sách nhiễu',
      'Nhiều công chức gây phiền hà, sách nhiễu',
    ]);
    expect(INTEGRITY_ANSWERS.map((a) => m.answers[a].vi)).toEqual([
      'Không có người dân nào phải đưa tiền ngoài quy định',
      'Một số người dân phải đưa tiền ngoài quy định',
      'Nhiều người dân phải đưa tiền ngoài quy định',
    ]);
  });

  it('are not rating codes: never part of any rate', () => {
    for (const c of INTEGRITY_CODES) expect(RATING_CODES).not.toContain(c);
  });
});

describe('pick', () => {
  it('picks the requested locale and falls back to Vietnamese when English is empty', () => {
    expect(pick({ vi: 'Khác', en: 'Other' }, 'en')).toBe('Other');
    expect(pick({ vi: 'Khác', en: '' }, 'en')).toBe('Khác');
  });
});
