// Moved to libs/util/japanese-text so intake (and later outreach) search exactly like the registry does;
// re-exported here so the registry's imports stay unchanged.
export { normaliseForSearch, searchPatterns, searchText, toKatakana } from '@tsunagu/util-japanese-text';
