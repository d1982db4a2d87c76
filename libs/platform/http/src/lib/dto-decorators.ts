// Decorators every service uses for its request DTOs, so the same field means the same rule everywhere,
// and the If-Match / body `version` rule that goes with `VersionProperty`.
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { DomainException } from '@tsunagu/platform-errors';

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Years a date of ours may fall in: 和暦 labels start in 明治, and nothing we record lies centuries ahead. */
export const DATE_YEAR_RANGE = { min: 1868, max: 2999 } as const;

/** A real calendar date `YYYY-MM-DD` (no 2月30日, no year 0000) within `DATE_YEAR_RANGE`. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  if (year < DATE_YEAR_RANGE.min || year > DATE_YEAR_RANGE.max) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Query integers: only plain decimal digits become numbers ("1e18", "0x10", "" stay strings and fail IsInt). */
export const toQueryInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value);
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A list cut to one item over `max`: still over the cap, so the field is refused by name, with bounded work. */
export const capList = (max: number) => ({ value }: { value: unknown }): unknown => (Array.isArray(value) && value.length > max ? value.slice(0, max + 1) : value);

/**
 * At most `max` items (`@ArrayMaxSize`). The cap alone does not bound the work: class-transformer and every
 * `each` / nested validator still walk the whole list (10,000 UUIDs through `@ArrayUnique` hold the event loop
 * for seconds), so the list is first cut to `max + 1` items, which still fails the cap and names the field.
 */
export const CappedArray = (max: number): PropertyDecorator => applyDecorators(Transform(capList(max), { toClassOnly: true }), ArrayMaxSize(max), ApiMaxItems(max));

// The metadata key @nestjs/swagger's ApiProperty writes (DECORATORS.API_MODEL_PROPERTIES, not exported).
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/**
 * `maxItems` in the OpenAPI document, whichever order the decorators run in: merged into the property's ApiProperty
 * metadata when it is already there, otherwise left for the ApiProperty applied next to merge with (it keeps what
 * it finds), so agency developers read the same cap the server enforces.
 */
const ApiMaxItems =
  (max: number): PropertyDecorator =>
  (target, key) => {
    const existing = Reflect.getMetadata(API_MODEL_PROPERTIES, target, key) as Record<string, unknown> | undefined;
    Reflect.defineMetadata(API_MODEL_PROPERTIES, { ...existing, maxItems: max }, target, key);
  };

/** `version` in a PATCH or transition body (alternative to `If-Match`). */
export const VersionProperty = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Version the edit is based on (or send `If-Match: "<version>"`).' }),
    IsOptional(),
    IsInt(),
    Min(1),
  );

/**
 * The version an edit is based on: `If-Match: "<version>"` (or W/"…") wins over `version` in the body (`VersionProperty`).
 * One of them is required, so an edit can never silently overwrite a change the client has not seen.
 */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | undefined): number {
  if (ifMatch !== undefined) {
    const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(ifMatch);
    if (!match) throw DomainException.invalidField('If-Match', 'must be the quoted record version, e.g. "3"');
    return Number(match[1]);
  }
  if (bodyVersion === undefined) {
    throw DomainException.invalidField('version', 'send the version you edited (body `version` or `If-Match` header)');
  }
  return bodyVersion;
}

/** Like `expectedVersion`, for status transitions where the version is optional. */
export function optionalVersion(bodyVersion: number | undefined, ifMatch: string | undefined): number | undefined {
  return ifMatch === undefined && bodyVersion === undefined ? undefined : expectedVersion(bodyVersion, ifMatch);
}

/** The `ETag` header value of a record version (what `If-Match` sends back). */
export function etag(version: number): string {
  return `"${version}"`;
}

/** Query-string booleans: only `true` and `false` are accepted. */
export const BooleanQuery = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'boolean', description }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );

/**
 * A query parameter that names several values separated by commas (`?ids=a,b`), at most `max`. The text is split and
 * cut to one over the cap before validating, so a huge list fails by name with bounded work; `each` validates every
 * value (class-validator decorators with `{ each: true }`).
 */
export const CommaListQuery = (options: { max: number; description: string; example: string; each: PropertyDecorator[] }): PropertyDecorator =>
  applyDecorators(
    // Applied bottom-up, as the same decorators stacked on the property are: the field's messages keep their order.
    ...[
      ApiPropertyOptional({ type: 'string', description: options.description, example: options.example }),
      IsOptional(),
      Transform(({ value }) => (typeof value === 'string' ? value.split(',', options.max + 1).map((item) => item.trim()) : value), { toClassOnly: true }),
      IsArray(),
      ArrayMaxSize(options.max),
      ...options.each,
    ].reverse(),
  );

/** Query-string enum filter. */
export const EnumQuery = (values: readonly string[], description: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ enum: values, description }), IsOptional(), IsIn(values));

export const UuidQuery = (description: string): PropertyDecorator => applyDecorators(ApiPropertyOptional({ format: 'uuid', description }), IsOptional(), IsUUID('all'));

export const IntQuery = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', description }),
    IsOptional(),
    Transform(toQueryInt),
    IsInt(),
  );

/** A date `YYYY-MM-DD` that exists in the calendar (body fields and query filters alike). */
export const DateProperty = (options: ValidationOptions = {}): PropertyDecorator =>
  ValidateBy(
    { name: 'isCalendarDate', validator: { validate: (value) => isCalendarDate(value), defaultMessage: () => `$property must be a real date (YYYY-MM-DD, ${DATE_YEAR_RANGE.min}–${DATE_YEAR_RANGE.max})` } },
    options,
  );
