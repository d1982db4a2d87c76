import * as iconv from 'iconv-lite';
import { DomainException } from '@tsunagu/platform-http';
import { cp932Unencodable, encodeCsv, suppress } from './tidy-export';
import { fiscalYearLabel, fiscalYearMonths, wareki } from './japanese-dates';

const table = (name: string) => ({ name: 'test', columns: [{ key: 'name' as const, header: '地区名' }], rows: [{ name }] });

describe('tidy exports', () => {
  it('writes UTF-8 with a BOM by default', () => {
    const encoded = encodeCsv(table('髙松'), 'utf-8');
    expect(encoded.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(encoded.body.subarray(3).toString('utf8')).toBe('地区名\r\n髙松\r\n');
  });

  it('writes CP932 that decodes back to the same text (vendor extensions such as 髙 and 﨑 included)', () => {
    const encoded = encodeCsv(table('髙﨑①'), 'cp932');
    expect(iconv.decode(encoded.body, 'cp932')).toBe('地区名\r\n髙﨑①\r\n');
  });

  it('refuses CP932 and lists the characters it cannot hold, never replacing them', () => {
    expect(cp932Unencodable('𠮷野家と𩸽')).toEqual(['𠮷', '𩸽']);
    try {
      encodeCsv(table('𠮷'), 'cp932');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainException);
      expect((error as DomainException).details['unencodable']).toEqual([{ char: '𠮷', codePoint: 'U+20BB7' }]);
    }
  });

  it('suppresses 1 and 2 at the default threshold, keeps 0 and 3', () => {
    expect([0, 1, 2, 3].map((n) => suppress(n, 3))).toEqual([
      { count: 0, suppressed: false },
      { count: null, suppressed: true },
      { count: null, suppressed: true },
      { count: 3, suppressed: false },
    ]);
  });

  it('labels 年度 and 和暦 (元年 included)', () => {
    expect(fiscalYearLabel(2025)).toBe('令和7年度');
    expect(fiscalYearLabel(2019)).toBe('平成31年度');
    expect(wareki('2019-05-01')).toBe('令和元年5月1日');
    expect(wareki('2026-03')).toBe('令和8年3月');
    expect(fiscalYearMonths(2025)[0]).toBe('2025-04');
    expect(fiscalYearMonths(2025)[11]).toBe('2026-03');
  });
});
