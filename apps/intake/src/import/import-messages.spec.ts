import { japaneseMessage } from './import-records.usecase';

describe('import messages', () => {
  it('puts the domain’s messages in Japanese', () => {
    expect(japaneseMessage('must not be in the future')).toBe('未来の日付です');
    expect(japaneseMessage('familyName must be shorter than or equal to 100 characters')).toBe('100文字以内にしてください');
  });
});
