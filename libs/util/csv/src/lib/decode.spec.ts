import * as iconv from 'iconv-lite';
import { CsvEncodingError, csvEncodingOf, decodeCsvBytes } from './decode';

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with and without BOM, and CP932 (auto or asked for)', () => {
    expect(decodeCsvBytes(Buffer.from('\uFEFF氏名,髙橋\r\n', 'utf8'), 'auto')).toEqual({ text: '氏名,髙橋\r\n', encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.from('氏名\r\n', 'utf8'), 'utf-8')).toEqual({ text: '氏名\r\n', encoding: 'utf-8' });
    expect(decodeCsvBytes(iconv.encode('氏名,髙橋\r\n', 'cp932'), 'auto')).toEqual({ text: '氏名,髙橋\r\n', encoding: 'cp932' });
    expect(decodeCsvBytes(iconv.encode('氏名', 'cp932'), 'cp932').encoding).toBe('cp932');
  });

  it('refuses bytes that are not UTF-8 when UTF-8 was asked for, and keeps 外字 visible as private-use characters', () => {
    expect(() => decodeCsvBytes(iconv.encode('氏名', 'cp932'), 'utf-8')).toThrow(CsvEncodingError);
    expect(decodeCsvBytes(Buffer.from([0xf0, 0x40]), 'cp932').text).toBe('\uE000');
  });

  it('names encodings the way people do', () => {
    expect(csvEncodingOf(undefined)).toBe('auto');
    expect(csvEncodingOf('Shift_JIS')).toBe('cp932');
    expect(csvEncodingOf('UTF8')).toBe('utf-8');
    expect(csvEncodingOf('latin1')).toBeUndefined();
  });
});
