import { fiscalYearOf } from './fiscal-year';
import { datePartsOf, fiscalYearInitial, fiscalYearLabel, formatDate, formatSeireki, formatWareki, parseDateInput, wareki } from './wareki';

describe('formatWareki', () => {
  it('writes 令和7年4月1日 for 2025-04-01 and the short and JIS forms', () => {
    expect(formatWareki('2025-04-01')).toBe('令和7年4月1日');
    expect(formatWareki('2025-04-01', 'short')).toBe('R7.4.1');
    expect(formatWareki('2025-04-01', 'jis')).toBe('R07.04.01');
  });

  it('writes 元年 for the first year of an era', () => {
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('2019-12-31')).toBe('令和元年12月31日');
    expect(formatWareki('1989-01-08')).toBe('平成元年1月8日');
    expect(formatWareki('2019-05-01', 'short')).toBe('R1.5.1');
  });

  it('switches era exactly at the boundaries (DOMAIN §6.1)', () => {
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('1989-01-07')).toBe('昭和64年1月7日');
    expect(formatWareki('1989-01-08')).toBe('平成元年1月8日');
    expect(formatWareki('1926-12-24')).toBe('大正15年12月24日');
    expect(formatWareki('1926-12-25')).toBe('昭和元年12月25日');
    expect(formatWareki('1912-07-29')).toBe('明治45年7月29日');
    expect(formatWareki('1912-07-30')).toBe('大正元年7月30日');
  });

  it('reads timestamps in Japan time', () => {
    // 2025-03-31T15:00Z is 2025-04-01 00:00 in Japan.
    expect(formatWareki('2025-03-31T15:00:00.000Z')).toBe('令和7年4月1日');
    expect(formatWareki('2025-03-31T14:59:59.000Z')).toBe('令和7年3月31日');
    expect(datePartsOf('2019-04-30T15:00:00Z')).toEqual({ year: 2019, month: 5, day: 1 });
  });

  it('is empty for empty or unreadable values and falls back to 西暦 before 明治', () => {
    expect(formatWareki(null)).toBe('');
    expect(formatWareki('')).toBe('');
    expect(formatWareki('not a date')).toBe('');
    expect(formatWareki('2025-02-30')).toBe('');
    expect(formatWareki('1850-01-01')).toBe('1850年1月1日');
  });
});

describe('formatDate', () => {
  it('follows the 和暦/西暦 toggle', () => {
    expect(formatDate('2025-04-01', 'wareki')).toBe('令和7年4月1日');
    expect(formatDate('2025-04-01', 'seireki')).toBe('2025年4月1日');
    expect(formatDate('2025-04-01', 'seireki', 'en')).toBe('2025-04-01');
    expect(formatSeireki('2025-04-01', 'iso')).toBe('2025-04-01');
  });
});

describe('parseDateInput', () => {
  it.each([
    ['2025-04-01', '2025-04-01'],
    ['2025/4/1', '2025-04-01'],
    ['2025.4.1', '2025-04-01'],
    ['2025年4月1日', '2025-04-01'],
    ['20250401', '2025-04-01'],
    ['２０２５／４／１', '2025-04-01'],
    ['令和7年4月1日', '2025-04-01'],
    ['令和７年４月１日', '2025-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['令和1年5月1日', '2019-05-01'],
    ['R7.4.1', '2025-04-01'],
    ['R07.04.01', '2025-04-01'],
    ['r7/4/1', '2025-04-01'],
    ['Ｒ７．４．１', '2025-04-01'],
    ['令7.4.1', '2025-04-01'],
    ['H31.4.30', '2019-04-30'],
    ['平成元年1月8日', '1989-01-08'],
    ['S64.1.7', '1989-01-07'],
    ['昭和元年12月25日', '1926-12-25'],
    ['大正15年12月24日', '1926-12-24'],
    ['明治45年7月29日', '1912-07-29'],
    [' 令和 7 年 4 月 1 日 ', '2025-04-01'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDateInput(input)).toBe(expected);
  });

  it.each([
    ['平成31年5月1日', 'after 平成 ended'],
    ['令和元年4月30日', 'before 令和 began'],
    ['昭和64年1月8日', 'after 昭和 ended'],
    ['平成元年1月7日', 'before 平成 began'],
    ['大正元年7月29日', 'before 大正 began'],
    ['令和0年1月1日', 'year 0'],
    ['2025-02-29', 'not a leap year'],
    ['2025-13-01', 'month 13'],
    ['X7.4.1', 'unknown era'],
    ['4月1日', 'no year'],
    ['', 'empty'],
  ])('rejects %s (%s)', (input) => {
    expect(parseDateInput(input)).toBeUndefined();
  });

  it('round-trips every date it formats', () => {
    for (const iso of ['1912-07-30', '1926-12-25', '1989-01-07', '1989-01-08', '2019-04-30', '2019-05-01', '2024-02-29', '2025-04-01']) {
      expect(parseDateInput(formatWareki(iso))).toBe(iso);
      expect(parseDateInput(formatWareki(iso, 'short'))).toBe(iso);
      expect(parseDateInput(formatWareki(iso, 'jis'))).toBe(iso);
      expect(parseDateInput(formatSeireki(iso))).toBe(iso);
    }
  });
});

describe('fiscalYearLabel', () => {
  it('names the 年度 (April–March) of a date', () => {
    expect(fiscalYearLabel(fiscalYearOf('2025-04-01'))).toBe('令和7年度');
    expect(fiscalYearLabel(fiscalYearOf('2026-03-31'))).toBe('令和7年度');
    expect(fiscalYearLabel(fiscalYearOf('2025-03-31'))).toBe('令和6年度');
    expect(fiscalYearLabel(2025, 'seireki')).toBe('2025年度');
  });

  it('names a 年度 after the era in force for most of it, as government documents do after an era change', () => {
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
    expect(fiscalYearLabel(1989)).toBe('平成元年度');
    expect(fiscalYearLabel(1988)).toBe('昭和63年度');
    expect(fiscalYearLabel(1926)).toBe('大正15年度');
  });

  it('gives the short era label of a 年度 for reception and case numbers by the same rule', () => {
    expect(fiscalYearInitial(2025)).toBe('R7');
    expect(fiscalYearInitial(2019)).toBe('R1');
    expect(fiscalYearInitial(2018)).toBe('H30');
  });
});

describe('wareki', () => {
  it('writes a month or a date in 和暦, 元年 included, and nothing for what is not one', () => {
    expect(wareki('2019-05-01')).toBe('令和元年5月1日');
    expect(wareki('2019-04')).toBe('平成31年4月');
    expect(wareki('2026-03')).toBe('令和8年3月');
    expect(wareki('2026-13')).toBe('');
    expect(wareki('2026-02-30')).toBe('');
  });
});
