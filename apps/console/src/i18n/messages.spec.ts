import { describe, expect, it } from 'vitest';
import { tsunaguEn } from './en';
import { tsunaguJa } from './ja';

/** Every dotted key of a message tree (code tables left out: they come from the contracts for both). */
function keys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (path === 'tsunagu.codes') return [];
    return value && typeof value === 'object' ? keys(value as Record<string, unknown>, path) : [path];
  });
}

describe('messages', () => {
  it('has an English text for every Japanese one of ours, and no English-only key', () => {
    expect(keys(tsunaguEn).sort()).toEqual(keys(tsunaguJa).sort());
  });
});
