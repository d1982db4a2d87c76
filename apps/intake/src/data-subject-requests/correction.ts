import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainException } from '@tsunagu/platform-errors';
import { UpdatePersonCommand } from '../people/person.dto';
import { CORRECTABLE_FIELDS, type CorrectableField } from './request-codes';

const CORRECTABLE: ReadonlySet<string> = new Set(CORRECTABLE_FIELDS);

/**
 * A 訂正請求's corrections: the person's own fields only, each valid as the person update (PATCH /persons/:id) validates
 * it, so applying the correction later goes through the normal update path without surprises. Errors name
 * `corrections.<field>`.
 */
export async function validateCorrections(corrections: Record<string, unknown> | undefined): Promise<Record<string, unknown>> {
  if (!corrections || Object.keys(corrections).length === 0) throw DomainException.invalidField('corrections', 'a 訂正請求 names the fields to correct and their new values');
  const unknown = Object.keys(corrections).find((field) => !CORRECTABLE.has(field));
  if (unknown) throw DomainException.invalidField(`corrections.${unknown}`, `not a field a 訂正請求 corrects (one of ${CORRECTABLE_FIELDS.join(', ')})`);
  const command = plainToInstance(UpdatePersonCommand, corrections);
  const errors = await validate(command, {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  if (errors.length > 0) {
    const [first] = errors;
    throw DomainException.invalidField(`corrections.${first.property}`, Object.values(first.constraints ?? {})[0] ?? 'is not valid');
  }
  return corrections;
}

/** The fields a decision approved: all of them for 承認, the named subset for 一部承認. */
export function approvedCorrections(details: Record<string, unknown>): Partial<Record<CorrectableField, unknown>> {
  const corrections = (details['corrections'] ?? {}) as Record<string, unknown>;
  const approved = details['approvedFields'] as string[] | undefined;
  return Object.fromEntries(Object.entries(corrections).filter(([field]) => !approved || approved.includes(field)));
}

export function pick(fields: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, fields[key] ?? null]));
}
