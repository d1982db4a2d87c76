import { createHmac } from 'node:crypto';

/*
 * The pseudonymous person key reporting counts 実人数 with (issue 17). Publishers put it in events beside
 * (never instead of checking) the person id; reporting keeps only the pseudonym. It is a keyed hash, so
 * without the key nobody — reporting included — can go from a pseudonym back to a person or test a guess,
 * and the municipality is part of the input, so one person has unrelated keys in two municipalities.
 */

/** The variable every publisher reads its key from (documented once, spread into each service's config). */
export const pseudonymVariables = {
  REPORTING_PSEUDONYM_KEY: {
    description:
      'Secret (≥ 32 characters) keying the pseudonymous person key (HMAC-SHA256 of municipality and person id) that intake, outreach and matching put in the events reporting counts 実人数 from. The same value in every publishing service; a new key starts new pseudonyms, so 実人数 across the change may double-count (docs/operations/reporting-keys.md). Required outside tests.',
    type: 'string',
    sensitive: true,
  },
} as const;

export const PSEUDONYM_KEY_MIN_LENGTH = 32;

/** Used only when NODE_ENV=test and no key is set, so test harnesses need no secret. Never a deployment's key. */
export const TEST_PSEUDONYM_KEY = 'tsunagu-test-pseudonym-key-not-for-any-deployment';

/** base64url of a SHA-256 HMAC: 43 characters, no padding. */
export const PSEUDONYM_PATTERN = '^[A-Za-z0-9_-]{43}$';

/** HMAC-SHA256(key, municipality ‖ personId), base64url. The municipality code has a fixed 6 digits, so the concatenation is unambiguous. */
export function personPseudonym(key: string, municipality: string, personId: string): string {
  if (!/^\d{6}$/.test(municipality)) throw new Error('municipality must be a 6-digit 全国地方公共団体コード');
  return createHmac('sha256', key).update(`${municipality}${personId.toLowerCase()}`, 'utf8').digest('base64url');
}

/** Schema-shaped description of an event (structurally an EventContract of libs/contracts). */
interface PseudonymisedContract {
  schema: Record<string, unknown>;
}

/** The field events carry the pseudonym in, next to the person id it is computed from. */
export const PSEUDONYM_FIELD = 'personPseudonym';

/** The key of one installation, checked once at boot. */
export class PersonPseudonyms {
  private constructor(private readonly key: string) {}

  /**
   * From the configured value: refused when missing or shorter than 32 characters, except under NODE_ENV=test
   * without a value (the fixed test key).
   */
  static fromKey(key: string | undefined, nodeEnv: string | undefined): PersonPseudonyms {
    if (key === undefined || key === '') {
      if (nodeEnv === 'test') return new PersonPseudonyms(TEST_PSEUDONYM_KEY);
      throw new Error('REPORTING_PSEUDONYM_KEY is required: the key of the pseudonymous person key reporting counts 実人数 with');
    }
    if (key.length < PSEUDONYM_KEY_MIN_LENGTH) throw new Error(`REPORTING_PSEUDONYM_KEY must have at least ${PSEUDONYM_KEY_MIN_LENGTH} characters`);
    return new PersonPseudonyms(key);
  }

  /** From a service's validated configuration (the Nest provider's factory). */
  static fromConfig(config: { REPORTING_PSEUDONYM_KEY?: string; NODE_ENV?: string }): PersonPseudonyms {
    return PersonPseudonyms.fromKey(config.REPORTING_PSEUDONYM_KEY, config.NODE_ENV);
  }

  static fromEnv(env: Record<string, string | undefined> = process.env): PersonPseudonyms {
    return PersonPseudonyms.fromKey(env.REPORTING_PSEUDONYM_KEY, env.NODE_ENV);
  }

  of(municipality: string, personId: string): string {
    return personPseudonym(this.key, municipality, personId);
  }

  /**
   * The payload a publisher records: when the contract declares `personPseudonym`, it is set from the payload's
   * `personId` (null without one). The one place every publisher stamps it, so no event can carry a stale or
   * hand-made pseudonym.
   */
  stamp<T>(contract: PseudonymisedContract, municipality: string, data: T): T {
    const properties = (contract.schema as { properties?: Record<string, unknown> }).properties;
    if (!properties || !(PSEUDONYM_FIELD in properties)) return data;
    const personId = (data as { personId?: unknown }).personId;
    return { ...data, [PSEUDONYM_FIELD]: typeof personId === 'string' ? this.of(municipality, personId) : null };
  }
}
