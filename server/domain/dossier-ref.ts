/**
 * The one rule that turns a dossier reference (số hồ sơ) into the value we
 * hash. Dossier links, their single-use claims and the dossier outcomes all
 * go through it, so "hs-001", " HS-001 " and "HS - 001"-style copies typed or
 * exported differently by two systems are one dossier, never two.
 *
 * Rule (documented in the README and the OpenAPI descriptions):
 * 1. Unicode NFC (a reference exported with decomposed diacritics equals the typed one);
 * 2. trim, and collapse every run of internal whitespace to one space;
 * 3. upper-case (Unicode, so "đ" → "Đ").
 * Punctuation is kept: "H12.34-0001" and "H12 34 0001" stay different dossiers.
 */
export function normaliseDossierRef(ref: string): string {
  return ref.normalize('NFC').trim().replace(/\s+/gu, ' ').toUpperCase();
}
