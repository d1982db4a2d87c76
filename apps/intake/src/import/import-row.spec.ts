import { SEX_LABELS } from '@tsunagu/contracts';
import { cellProblem, ImportRow } from './import-row';
import { japaneseMessage } from './import-records.usecase';

const row = (...cells: string[]) =>
  new ImportRow(
    7,
    cells,
    new Map([
      ['date', { index: 0, header: '生年月日' }],
      ['sex', { index: 1, header: '性別' }],
      ['flag', { index: 2, header: 'DV等支援措置' }],
    ]),
    {},
  );

describe('import rows', () => {
  it('reads 和暦 and 西暦 dates, and tells a date that does not exist from one that cannot be read', () => {
    expect(row('令和6年4月1日').date('date')).toBe('2024-04-01');
    expect(row('R6.4.1').date('date')).toBe('2024-04-01');
    expect(row('２０２４／４／１').date('date')).toBe('2024-04-01');
    const impossible = row('R2.2.30');
    expect(impossible.date('date')).toBeUndefined();
    expect(impossible.problems).toEqual([{ line: 7, column: '生年月日', message: '存在しない日付です' }]);
    const unreadable = row('そのうち');
    unreadable.date('date');
    expect(unreadable.problems[0].message).toContain('日付として読めません');
  });

  it('reads codes by label or code and あり／なし, naming the column of a problem', () => {
    expect(row('', '女').code('sex', SEX_LABELS)).toBe('female');
    expect(row('', 'male').code('sex', SEX_LABELS)).toBe('male');
    expect(row('', '', '○').boolean('flag')).toBe(true);
    expect(row('', '', 'なし').boolean('flag')).toBe(false);
    const wrong = row('', '不詳', 'たぶん');
    wrong.code('sex', SEX_LABELS);
    wrong.boolean('flag');
    expect(wrong.problems.map((problem) => problem.column)).toEqual(['性別', 'DV等支援措置']);
  });

  it('refuses NUL, lone surrogates, mojibake and 外字 in a cell without repeating it', () => {
    expect(cellProblem('山田')).toBeUndefined();
    expect(cellProblem('𠮷田')).toBeUndefined();
    expect(cellProblem('山\u0000田')).toContain('制御文字');
    expect(cellProblem('山\uD800田')).toContain('サロゲート');
    expect(cellProblem('山\uFFFD田')).toContain('文字化け');
    expect(cellProblem('\uE000田')).toContain('外字');
  });

  it('puts the domain’s messages in Japanese', () => {
    expect(japaneseMessage('must not be in the future')).toBe('未来の日付です');
    expect(japaneseMessage('familyName must be shorter than or equal to 100 characters')).toBe('100文字以内にしてください');
  });
});
