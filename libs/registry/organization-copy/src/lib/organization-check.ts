import type { EntityManager } from '@mikro-orm/core';
import { assertExist } from '@tsunagu/platform-persistence';
import { OrganizationCopy } from './organization-copy.entity';

/** Request field → the organisation id(s) it names (nullish values are skipped). */
export type OrganizationReferences = Record<string, string | null | undefined | readonly (string | null | undefined)[]>;

/**
 * Organisation ids in a request must be organisations the registry has in this municipality (its copy here,
 * tenant-filtered): an unknown id, or another municipality's, is a 400 naming the field.
 */
export async function assertKnownOrganizations(em: EntityManager, references: OrganizationReferences): Promise<void> {
  for (const [field, value] of Object.entries(references)) {
    await assertExist(em, OrganizationCopy, Array.isArray(value) ? value : [value as string | null | undefined], field);
  }
}

/** The organisation ids inside a list of a request, each under its own path (`attendees.0.organizationId`, …). */
export function listedOrganizations<T>(path: string, items: readonly T[] | null | undefined, pick: (item: T) => string | null | undefined): OrganizationReferences {
  return Object.fromEntries((items ?? []).map((item, index) => [`${path}.${index}.organizationId`, pick(item)]));
}
