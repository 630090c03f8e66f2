/**
 * The five faces, drawn inline (emoji fonts are missing on many kiosks and
 * in headless Chromium). Colour and mouth both carry the meaning, so the
 * scale reads without colour vision too.
 */
const MOUTHS: Record<number, string> = {
  1: 'M30 74 Q50 50 70 74',
  2: 'M32 71 Q50 60 68 71',
  3: 'M32 66 L68 66',
  4: 'M32 61 Q50 74 68 61',
  5: 'M28 57 Q50 86 72 57',
};

export function Face({ value }: { value: number }) {
  return (
    <svg viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="47" fill={`var(--face-${value})`} />
      <circle cx="35" cy="40" r="6" fill="#fff" />
      <circle cx="65" cy="40" r="6" fill="#fff" />
      {value === 1 && <path d="M24 28 L42 33 M76 28 L58 33" stroke="#fff" stroke-width="5" stroke-linecap="round" />}
      <path d={MOUTHS[value]} fill={value === 5 ? '#fff' : 'none'} stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

/** The neutral mark of the thank-you screen: the same for every rating. */
export function CheckMark() {
  return (
    <svg viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="47" fill="var(--brand)" />
      <path d="M28 52 L44 67 L73 36" fill="none" stroke="#fff" stroke-width="8" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
