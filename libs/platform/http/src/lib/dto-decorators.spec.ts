import { DomainException } from './domain-exception';
import { etag, expectedVersion, optionalVersion } from './dto-decorators';

const fieldOf = (act: () => unknown): string[] => {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainException);
    return Object.keys((error as DomainException).details.errors ?? {});
  }
  throw new Error('expected a DomainException');
};

describe('the version an edit is based on', () => {
  it('reads If-Match (quoted, weak or bare), which wins over the body version', () => {
    expect(expectedVersion(undefined, '"3"')).toBe(3);
    expect(expectedVersion(undefined, ' W/"4" ')).toBe(4);
    expect(expectedVersion(undefined, '5')).toBe(5);
    expect(expectedVersion(1, '"7"')).toBe(7);
    expect(expectedVersion(2, undefined)).toBe(2);
  });

  it('requires one of them, naming the field, and refuses an If-Match that is not a version', () => {
    expect(fieldOf(() => expectedVersion(undefined, undefined))).toEqual(['version']);
    expect(fieldOf(() => expectedVersion(1, '"abc"'))).toEqual(['If-Match']);
    expect(fieldOf(() => expectedVersion(undefined, '*'))).toEqual(['If-Match']);
  });

  it('lets status transitions leave the version out, but still checks one that is sent', () => {
    expect(optionalVersion(undefined, undefined)).toBeUndefined();
    expect(optionalVersion(4, undefined)).toBe(4);
    expect(optionalVersion(undefined, 'W/"6"')).toBe(6);
    expect(fieldOf(() => optionalVersion(undefined, 'v6'))).toEqual(['If-Match']);
  });

  it('writes the ETag of a version the way If-Match sends it back', () => {
    expect(etag(3)).toBe('"3"');
    expect(expectedVersion(undefined, etag(12))).toBe(12);
  });
});
