import { describe, expect, it } from 'vitest';
import { japanDateAndTime, japanInstant, parseTimeInput } from './date-time';

describe('parseTimeInput', () => {
  it('reads what staff type as a 24-hour time', () => {
    expect(parseTimeInput('9:05')).toBe('09:05');
    expect(parseTimeInput('23:59')).toBe('23:59');
    expect(parseTimeInput('0905')).toBe('09:05');
    expect(parseTimeInput('９：０５')).toBe('09:05');
    expect(parseTimeInput('17時30分')).toBe('17:30');
    expect(parseTimeInput('17時')).toBe('17:00');
  });

  it('refuses what is not a time of day', () => {
    for (const text of ['', '24:00', '12:60', 'noon', '1:5', '5pm']) expect(parseTimeInput(text)).toBeUndefined();
  });
});

describe('Japan instants', () => {
  it('turns 3/31 23:30 in Japan into the instant of that day, never the next 年度', () => {
    expect(japanInstant('2026-03-31', '23:30')).toBe('2026-03-31T14:30:00.000Z');
    expect(japanDateAndTime('2026-03-31T14:30:00.000Z')).toEqual({ date: '2026-03-31', time: '23:30' });
    expect(japanDateAndTime('2026-03-31T15:00:00.000Z')).toEqual({ date: '2026-04-01', time: '00:00' });
    expect(japanDateAndTime('not a date')).toBeUndefined();
  });
});
