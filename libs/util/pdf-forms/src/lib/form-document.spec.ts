import fs from 'node:fs';
import { readPdfText as textOf } from '../testing';
import { FormDocument, WITHHELD_TEXT, warekiDateTime } from './form-document';

describe('FormDocument', () => {
  // The first form of a process once read and parsed the 5 MB font at every switch back to the regular weight (12 s).
  it('reads each weight’s font file once per process, however often a form switches weights', async () => {
    const reads = jest.spyOn(fs, 'readFileSync');
    try {
      for (let index = 0; index < 2; index += 1) {
        const form = new FormDocument({ title: '保有個人情報の開示', municipality: '高松市' });
        for (let record = 0; record < 5; record += 1) {
          form.heading(`記録${record}`).fields([['氏名', '山田 太郎']]);
          form.note('注記');
        }
        await form.end();
      }
      const fonts = reads.mock.calls.map(([path]) => String(path)).filter((path) => path.endsWith('.ttf'));
      expect(fonts.sort()).toEqual([expect.stringContaining('400Regular'), expect.stringContaining('700Bold')]);
    } finally {
      reads.mockRestore();
    }
  });

  it('renders an A4 form whose Japanese text, 和暦 dates, 外字 and page numbers read back', async () => {
    const form = new FormDocument({ title: '相談受付票', municipality: '高松市', printedAt: new Date('2025-06-01T01:00:00Z'), subtitle: '受付番号 R7-000001' });
    form.heading('基本情報').fields([
      ['氏名', '𠮷田 髙志'],
      ['生年月日', '昭和40年1月2日'],
      ['相談内容', WITHHELD_TEXT],
    ]);
    form.textBlock('主訴', '家賃の支払いが難しい。');
    await form.table([{ header: '日時', width: 0.3 }, { header: '内容', width: 0.7 }], [[warekiDateTime('2025-06-01T01:00:00Z'), '面談']]);
    form.signatures(['本人署名']);
    const pdf = await form.end();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { total, text } = await textOf(pdf);
    expect(total).toBe(1);
    for (const expected of ['相談受付票', '𠮷田 髙志', '昭和40年1月2日', '（表示できません）', '令和7年6月1日 10:00', '本人署名', '1 / 1', '高松市', '出力日時']) expect(text).toContain(expected);
  });

  it('flows a long table over pages, the header and 「n / m」 on each', async () => {
    const form = new FormDocument({ title: '支援経過記録', municipality: '高松市' });
    const rows = Array.from({ length: 80 }, (_, i) => [`${i + 1}`, `記録${i + 1}：${'訪問して様子を確認した。'.repeat(6)}`]);
    await form.table([{ header: '番号', width: 0.1 }, { header: '内容', width: 0.9 }], rows);
    form.textBlock('長文', '長い議事録。'.repeat(1500));
    const { total, text } = await textOf(await form.end());
    expect(total).toBeGreaterThan(3);
    expect(text).toContain(`${total} / ${total}`);
    expect(text).toContain('記録80');
    expect(text.split('番号').length - 1).toBeGreaterThan(2);
  });

  it('writes 和暦 timestamps in Japan time', () => {
    expect(warekiDateTime('2019-04-30T15:30:00Z')).toBe('令和元年5月1日 00:30');
    expect(warekiDateTime(null)).toBe('');
  });
});
