import { normaliseForSearch, searchPatterns, searchText } from './japanese-text';

describe('normaliseForSearch', () => {
  it('treats half-width katakana, katakana and hiragana alike', () => {
    const expected = 'ミマモリ';
    expect(normaliseForSearch('ﾐﾏﾓﾘ')).toBe(expected);
    expect(normaliseForSearch('みまもり')).toBe(expected);
    expect(normaliseForSearch('ミマモリ')).toBe(expected);
  });

  it('folds voiced half-width kana, full-width alphanumerics and spaces', () => {
    expect(normaliseForSearch('ｻﾛﾝ　ﾀﾞﾝｽ')).toBe('サロン ダンス');
    expect(normaliseForSearch('ＮＰＯ法人　１２３')).toBe('npo法人 123');
    expect(normaliseForSearch('ゔぁ')).toBe('ヴァ');
  });

  it('keeps kanji variants distinct', () => {
    expect(normaliseForSearch('髙松')).not.toBe(normaliseForSearch('高松'));
  });

  it('builds search columns and escaped LIKE patterns', () => {
    expect(searchText('見守り香南', null, ['こうなん', 'ｺｳﾅﾝ'])).toBe('見守リ香南 コウナン コウナン') // okurigana are folded too, on both sides;
    expect(searchPatterns(' こうなん  100% ')).toEqual(['%コウナン%', '%100\\%%']);
    expect(searchPatterns(undefined)).toEqual([]);
  });
});
