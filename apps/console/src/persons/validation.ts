/** Identity levels that claim no name: the person is known by an alias (通称), or only by household or address. */
const UNNAMED_LEVELS = ['anonymous', 'alias-only', 'household-or-address-only'];

/** Today in Japan (YYYY-MM-DD), whatever the browser's time zone. */
export function todayInJapan(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

const filled = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
const isoDate = (value: unknown): string | undefined => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/**
 * The person form's checks, the same the intake API makes (apps/intake/src/people/person-rules.ts): a family name or
 * its kana — or an alias with 匿名 / 通称のみ / 世帯・住所のみ for a person whose name is not known —, the alias for
 * 通称のみ, and no birth date or death in the future (nor death before birth). Values are i18n keys.
 */
export function validatePerson(values: Record<string, unknown>, today: string = todayInJapan()): Record<string, string> {
  const errors: Record<string, string> = {};
  const named = filled(values.familyName) || filled(values.familyNameKana);
  const level = typeof values.identityLevel === 'string' ? values.identityLevel : 'unconfirmed';
  if (!named && !filled(values.aliasName)) errors.familyName = 'tsunagu.person.name_required';
  else if (!named && !UNNAMED_LEVELS.includes(level)) errors.identityLevel = 'tsunagu.person.unnamed_level';
  if (level === 'alias-only' && !filled(values.aliasName)) errors.aliasName = 'tsunagu.person.alias_required';
  const birthDate = isoDate(values.birthDate);
  const deceasedOn = isoDate(values.deceasedOn);
  if (birthDate && birthDate > today) errors.birthDate = 'tsunagu.person.future_date';
  if (deceasedOn && deceasedOn > today) errors.deceasedOn = 'tsunagu.person.future_date';
  else if (deceasedOn && birthDate && deceasedOn < birthDate) errors.deceasedOn = 'tsunagu.person.death_before_birth';
  return errors;
}

/** A new person's form starts as a 受付票 does: identity 未確認 until staff check it. */
export const PERSON_DEFAULTS = { identityLevel: 'unconfirmed', phones: [] } as const;
