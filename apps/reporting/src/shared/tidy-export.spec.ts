import * as iconv from 'iconv-lite';
import { DomainException } from '@tsunagu/platform-errors';
import { cp932Unencodable, encodeCsv, suppress } from './tidy-export';

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
});
