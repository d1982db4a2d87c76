import type { EntityManager } from '@mikro-orm/core';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { DataSubjectRequest } from './data-subject-request.entity';

/**
 * 利用停止 (法98条) scopes. `sharing`: the person's data is no longer provided to other agencies — new referrals and
 * consultations that would share it with another organisation are refused (403 `use-suspended`) while the stop is in
 * force; the city's own desk keeps the records and may still record what it does itself (a 利用停止 stops use beyond
 * the purpose or provision to others, not the city's duty to keep the file).
 */
export const SUSPENSION_SCOPES = ['sharing'] as const;
export type SuspensionScope = (typeof SUSPENSION_SCOPES)[number];

/** Whether a 利用停止 (scope `sharing`) is in force for the person: a completed suspension request not lifted. */
export async function useSuspended(em: EntityManager, personId: string): Promise<boolean> {
  return (
    (await em.count(DataSubjectRequest, {
      kind: 'suspension',
      personId,
      status: 'completed',
      liftedAt: null,
    })) > 0
  );
}

/**
 * Refuses what would provide the person's data to another organisation while a 利用停止 is in force: 403 problem+json
 * with code `use-suspended` (the person is named by id only, never by name).
 */
export async function assertUseNotSuspended(em: EntityManager, personId: string | null | undefined, what: string): Promise<void> {
  if (!personId || !(await useSuspended(em, personId))) return;
  throw new DomainException(
    DomainErrorCode.UseSuspended,
    `A 利用停止 (APPI 98条) is in force for this person: ${what} that would share their data with another organisation is refused until it is lifted`,
    {
      personId,
    },
  );
}
