import { Type } from 'class-transformer';
import { ArrayUnique, IsString, Matches, ValidateBy, ValidateNested } from 'class-validator';
import { DomainException } from '@tsunagu/platform-errors';
import { CappedArray, CommaListQuery, etag, expectedVersion, optionalVersion } from './dto-decorators';
import { createValidationPipe } from './validation';

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

describe('capped lists', () => {
  let itemsSeen = 0;
  const Counted = () => ValidateBy({ name: 'counted', validator: { validate: () => ++itemsSeen > 0 } }, { each: true });

  class Member {
    @IsString()
    role!: string;
  }

  class Roster {
    @CappedArray(3)
    @ArrayUnique()
    @Counted()
    tags!: string[];

    @CappedArray(2)
    @ValidateNested({ each: true })
    @Type(() => Member)
    members!: Member[];
  }

  const validate = async (body: unknown): Promise<Record<string, string>> => {
    try {
      await createValidationPipe().transform(body, { type: 'body', metatype: Roster });
      return {};
    } catch (error) {
      return (error as DomainException).details.errors ?? {};
    }
  };

  it('accepts lists up to the cap', async () => {
    expect(await validate({ tags: ['a', 'b', 'c'], members: [{ role: 'x' }, { role: 'y' }] })).toEqual({});
  });

  it('refuses a longer list by name, looking at no more than one item past the cap', async () => {
    itemsSeen = 0;
    const errors = await validate({ tags: Array.from({ length: 10_000 }, (_, index) => `t${index}`), members: Array.from({ length: 10_000 }, () => ({ role: 5 })) });
    expect(errors['tags']).toMatch(/no more than 3/);
    expect(errors['members']).toMatch(/no more than 2/);
    expect(itemsSeen).toBe(4);
    expect(Object.keys(errors).filter((field) => field.startsWith('members.'))).toEqual(['members.0.role', 'members.1.role', 'members.2.role']);
  });
});

describe('comma-separated query lists', () => {
  class Filter {
    @CommaListQuery({ max: 3, description: 'Only these.', example: 'a,b', each: [IsString({ each: true }), Matches(/^[a-z]+$/, { each: true, message: 'codes must be lower-case letters' })] })
    codes?: string[];
  }

  const validate = async (query: unknown): Promise<{ value?: Filter; errors: Record<string, string> }> => {
    try {
      return { value: (await createValidationPipe().transform(query, { type: 'query', metatype: Filter })) as Filter, errors: {} };
    } catch (error) {
      return { errors: (error as DomainException).details.errors ?? {} };
    }
  };

  it('splits the text into trimmed values and leaves an absent list out', async () => {
    expect((await validate({ codes: 'a, b ,c' })).value?.codes).toEqual(['a', 'b', 'c']);
    expect((await validate({})).value?.codes).toBeUndefined();
  });

  it('refuses more than the cap and a bad value by name', async () => {
    expect((await validate({ codes: Array.from({ length: 10_000 }, () => 'a').join(',') })).errors['codes']).toMatch(/no more than 3/);
    expect((await validate({ codes: 'a,B' })).errors['codes']).toBe('codes must be lower-case letters');
  });

  it('looks at no more than one value past the cap', async () => {
    const { errors } = await validate({ codes: ['a', 'b', 'c', 'd', 'E'].join(',') });
    // The fifth value (bad) was cut before validating: only the length is wrong.
    expect(errors['codes']).not.toMatch(/lower-case/);
  });
});
