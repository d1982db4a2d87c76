import { parse } from 'csv-parse/sync';
import { neutraliseFormula, toCsv } from './csv';

const columns = [
  { key: 'name' as const, header: '名称' },
  { key: 'count' as const, header: '件数' },
];

describe('CSV', () => {
  it('prefixes an apostrophe to text that a spreadsheet would run as a formula', () => {
    expect(['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'].map(neutraliseFormula)).toEqual([
      `'=HYPERLINK("http://x","y")`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\t=1",
      "'\r=1",
    ]);
    expect(['香南', '', 'a=b', ' =1', '1-2'].map(neutraliseFormula)).toEqual(['香南', '', 'a=b', ' =1', '1-2']);
  });

  it('writes a header row and CRLF lines, quoting as RFC 4180 needs, and neutralises every text cell', () => {
    const text = toCsv(columns, [
      { name: '=HYPERLINK("http://x","y")', count: 3 },
      { name: '+1', count: 0 },
      { name: '-2+3', count: null },
      { name: '@SUM(A1)', count: undefined },
      { name: '花園, 東', count: 1 },
    ]);
    expect(text.split('\r\n')).toEqual(['名称,件数', `"'=HYPERLINK(""http://x"",""y"")",3`, "'+1,0", "'-2+3,", "'@SUM(A1),", '"花園, 東",1', '']);
    expect(parse(text, { columns: true })).toEqual([
      { 名称: `'=HYPERLINK("http://x","y")`, 件数: '3' },
      { 名称: "'+1", 件数: '0' },
      { 名称: "'-2+3", 件数: '' },
      { 名称: "'@SUM(A1)", 件数: '' },
      { 名称: '花園, 東', 件数: '1' },
    ]);
  });

  it('keeps numbers numeric — a genuine negative number is not text — and writes booleans as 1/0', () => {
    const text = toCsv(
      [
        { key: 'delta' as const, header: '差' },
        { key: 'flag' as const, header: '秘匿' },
        { key: 'label' as const, header: 'ラベル' },
      ],
      [{ delta: -2, flag: true, label: '-2' }, { delta: -0.5, flag: false, label: 'x' }],
    );
    expect(text).toBe("差,秘匿,ラベル\r\n-2,1,'-2\r\n-0.5,0,x\r\n");
  });
});
