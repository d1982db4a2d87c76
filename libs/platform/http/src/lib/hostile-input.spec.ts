import { hostileFields, jsonDepthExceeds, MAX_JSON_DEPTH, unsafeTextReason } from './hostile-input';
import { isCalendarDate, toQueryInt } from './dto-decorators';

describe('hostile input', () => {
  it('refuses NUL and unpaired surrogates, keeps 外字 and variation sequences', () => {
    expect(unsafeTextReason('山田\u0000太郎')).toMatch(/NUL/);
    expect(unsafeTextReason('a\uD800b')).toMatch(/surrogate/);
    expect(unsafeTextReason('\uDC00')).toMatch(/surrogate/);
    expect(unsafeTextReason('\uE000 外字')).toBeUndefined();
    expect(unsafeTextReason('葛\uDB40\uDD00城')).toBeUndefined(); // 葛 + IVS (U+E0100)
    expect(unsafeTextReason('𠮷野家')).toBeUndefined();
  });

  it('names each hostile field by its path, keys by position only', () => {
    expect(hostileFields({ familyName: 'x\u0000', phones: [{ number: '\uD83D' }], capacity: 1e20, ok: 'fine', n: 12 })).toEqual({
      familyName: expect.stringMatching(/NUL/),
      'phones.0.number': expect.stringMatching(/surrogate/),
      capacity: 'capacity is out of range',
    });
    expect(hostileFields({ address: { ['a\u0000']: 1 } })).toEqual({ 'address.<key>': expect.stringMatching(/field names/) });
  });

  it('measures JSON depth without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepthExceeds('['.repeat(10_000) + ']'.repeat(10_000))).toBe(true);
    expect(jsonDepthExceeds(`{"a":"${'['.repeat(100)}"}`)).toBe(false);
    expect(jsonDepthExceeds(`{"a":"\\"${'{'.repeat(100)}"}`)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('1990-02-30')).toBe(false);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('0000-00-00')).toBe(false);
    expect(isCalendarDate('0001-01-01')).toBe(false);
    expect(isCalendarDate('2025-04-31')).toBe(false);
  });

  it('turns only plain digits of a query into integers', () => {
    expect(toQueryInt({ value: '25' })).toBe(25);
    expect(toQueryInt({ value: '1e18' })).toBe('1e18');
    expect(toQueryInt({ value: '99999999999999999999' })).toBe('99999999999999999999');
    expect(toQueryInt({ value: '0x10' })).toBe('0x10');
  });
});
