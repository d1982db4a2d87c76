/** What the break-glass API answers (POST /api/intake/persons/{id}/emergency-access, issue 13). */
export interface EmergencyAccessGrant {
  id: string;
  personId: string;
  actor: string;
  organizationId: string | null;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}

/** The API's bounds of a reason (10–1000 characters). */
export const REASON_MIN = 10;
export const REASON_MAX = 1000;

/** The message key of what is wrong with a reason, or undefined when it may be sent. */
export function reasonProblem(reason: string): string | undefined {
  const length = reason.trim().length;
  if (length === 0) return 'tsunagu.emergency_access.reason_required';
  if (length < REASON_MIN) return 'tsunagu.emergency_access.reason_short';
  if (length > REASON_MAX) return 'tsunagu.emergency_access.reason_long';
  return undefined;
}

/** HH:MM in Japan time, for 「緊急時アクセス中（HH:MM まで・記録されます）」. */
export function untilTime(expiresAt: string): string {
  return new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(expiresAt));
}

/**
 * The grants of this browser tab, so the person's page shows its banner while one lasts. Ids and times only (no name), in
 * memory: the server decides access, this only says why the record is open.
 */
const grants = new Map<string, EmergencyAccessGrant>();

export function rememberGrant(grant: EmergencyAccessGrant): void {
  grants.set(grant.personId, grant);
}

/** The grant that opens this person now, if any. */
export function activeGrant(personId: string | undefined, now = new Date()): EmergencyAccessGrant | undefined {
  if (!personId) return undefined;
  const grant = grants.get(personId);
  if (!grant) return undefined;
  if (new Date(grant.expiresAt).getTime() <= now.getTime()) {
    grants.delete(personId);
    return undefined;
  }
  return grant;
}
