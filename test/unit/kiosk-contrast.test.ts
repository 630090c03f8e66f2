/**
 * WCAG AA for the kiosk's colour pairs, read from the stylesheet itself so
 * the check cannot drift from what ships: 4.5:1 for text, 3:1 for large
 * text and for the faces and borders that carry meaning (WCAG 1.4.11).
 */
import { describe, expect, it } from 'vitest';
import { contrastRatio, cssColourVars } from '../helpers/contrast';

const vars = cssColourVars(new URL('../../kiosk/src/styles.css', import.meta.url));
const ratio = contrastRatio;

const TEXT: [string, string, string][] = [
  ['ink', 'bg', 'question, labels, chips'],
  ['muted', 'bg', 'hints, thank-you body'],
  ['on-brand', 'brand', 'header, selected chip, primary button'],
  ['brand', 'bg', 'secondary button, light language toggle'],
  ['problem', 'bg', 'enrolment error'],
  ['staff-ink', 'staff-bg', 'staff line'],
];
const NON_TEXT: [string, string, string][] = [
  ['face-1', 'bg', 'face 1'],
  ['face-2', 'bg', 'face 2'],
  ['face-3', 'bg', 'face 3'],
  ['face-4', 'bg', 'face 4'],
  ['face-5', 'bg', 'face 5'],
  ['line', 'bg', 'face card and field borders'],
  ['ok', 'staff-bg', 'online dot'],
];

describe('kiosk colours', () => {
  it.each(TEXT)('%s on %s (%s) reaches 4.5:1', (fg, bg) => {
    expect(vars[fg] && vars[bg], `--${fg} / --${bg} defined`).toBeTruthy();
    expect(ratio(vars[fg], vars[bg])).toBeGreaterThanOrEqual(4.5);
  });

  it.each(NON_TEXT)('%s on %s (%s) reaches 3:1', (fg, bg) => {
    expect(ratio(vars[fg], vars[bg])).toBeGreaterThanOrEqual(3);
  });

  it('keeps the white features of every face legible (3:1)', () => {
    for (const v of [1, 2, 3, 4, 5]) expect(ratio('#ffffff', vars[`face-${v}`])).toBeGreaterThanOrEqual(3);
  });
});
