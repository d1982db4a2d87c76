/** 「園芸、カフェ, 料理」 → ['園芸', 'カフェ', '料理']: the word lists the API takes (interests, activity tags). */
export function words(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return value;
  return value
    .split(/[、,，\s]+/)
    .map((word) => word.trim())
    .filter(Boolean);
}

/** A word list shown in the text input it is edited with. */
export function wordsText(value: unknown): unknown {
  return Array.isArray(value) ? value.join('、') : value;
}
