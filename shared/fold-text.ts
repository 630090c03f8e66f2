/**
 * Text folded for search: lower case, accents removed, đ as d, runs of
 * white space as one space. "Chờ ĐỢI  lâu" → "cho doi lau". The store keeps
 * each comment folded this way and folds the query the same way, so
 * Vietnamese typed with or without diacritics finds the same comments.
 */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
}
