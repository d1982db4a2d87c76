import { readImportHeader } from './import-header';
import { cellProblem, ImportRow } from './import-row';

const SEX_LABELS = { male: '男', female: '女' } as const;

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
    // A date-time where a date is asked (an XLSX date-time cell) is its day; a time that does not exist is not.
    expect(row('2024-04-02 10:30').date('date')).toBe('2024-04-02');
    const badTime = row('2024-04-02 25:30');
    expect(badTime.date('date')).toBeUndefined();
    expect(badTime.problems).toHaveLength(1);
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

  it('finds the template’s columns by heading or alias and reports unknown, repeated and missing headings on line 1', () => {
    const template = {
      label: '見本',
      columns: [
        { key: 'sourceId', header: '管理番号', aliases: ['レコード番号'], required: true, description: '' },
        { key: 'date', header: '生年月日', required: true, description: '' },
        { key: 'note', header: '備考', description: '' },
      ],
    };
    const problems: { line: number; column: string; message: string }[] = [];
    const columns = readImportHeader(template, ['レコード番号', '備考', '趣味', '備考', '\uE000'], problems);
    expect([...columns.entries()]).toEqual([
      ['sourceId', { index: 0, header: 'レコード番号' }],
      ['note', { index: 1, header: '備考' }],
    ]);
    expect(problems).toEqual([
      { line: 1, column: '3列目', message: '「趣味」はこの様式（見本）の列ではありません' },
      { line: 1, column: '備考', message: 'この列が2つあります' },
      { line: 1, column: '5列目', message: expect.stringContaining('外字') },
      { line: 1, column: '生年月日', message: '必須の列がありません' },
    ]);
  });
});
