/**
 * Folds text for searching: lower case, accents removed, so "Zoë" is found by "zoe" and
 * "Ó Súilleabháin" by "o suil".
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
