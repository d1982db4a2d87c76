/**
 * Search normalisation for Japanese text: staff type ｶﾅ, カナ or かな, full- or half-width digits and
 * letters, and expect the same hits. NFKC folds width variants (ｶﾞ → ガ, ＡＢＣ → ABC); hiragana are
 * shifted to katakana; Latin letters are lower-cased. The same function fills the indexed search
 * column and normalises the query, so both sides always agree.
 * Kanji variants (髙/高) are deliberately not folded (DOMAIN §6.3).
 */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u3041-\u3096\u309d\u309e]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Builds the search column from the fields a record is found by. */
export function searchText(...parts: (string | null | undefined | readonly string[])[]): string {
  return normaliseForSearch(
    parts
      .flat()
      .filter((part): part is string => typeof part === 'string' && part.length > 0)
      .join(' '),
  );
}

/** Splits a query into normalised terms, each escaped for a `LIKE '%term%'` match; all terms must match. */
export function searchPatterns(query: string | undefined): string[] {
  if (!query) return [];
  return normaliseForSearch(query)
    .split(' ')
    .filter(Boolean)
    .map((term) => `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
}

/** Canonical katakana reading (全角カタカナ, DOMAIN §6.3): half-width and hiragana input are converted. */
export function toKatakana(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u3041-\u3096\u309d\u309e]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60))
    .trim();
}
