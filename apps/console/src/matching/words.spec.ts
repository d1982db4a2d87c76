import { describe, expect, it } from 'vitest';
import { words, wordsText } from './words';

describe('words', () => {
  it('splits on 、 , full-width comma and spaces, dropping empties', () => {
    expect(words('園芸、カフェ, 料理，  ゲーム　読書')).toEqual(['園芸', 'カフェ', '料理', 'ゲーム', '読書']);
    expect(words('')).toEqual([]);
  });

  it('leaves lists and other values as they are', () => {
    expect(words(['園芸'])).toEqual(['園芸']);
    expect(words(undefined)).toBeUndefined();
  });

  it('shows a list as text with 、', () => {
    expect(wordsText(['園芸', 'カフェ'])).toBe('園芸、カフェ');
    expect(wordsText(undefined)).toBeUndefined();
  });
});
