import { wrap } from '@mikro-orm/core';
import type { SubjectAccessEntry } from '@tsunagu/contracts';
import type { AuditService } from './audit.service';

/** Lines of a service's access log a 開示請求 pack carries at most (newest first); the auditor's export has the rest. */
export const SUBJECT_ACCESS_LOG_MAX = 1000;

/**
 * "Who saw this person" for a 開示請求 pack: this service's audit records naming the person, newest first, with who
 * (subject, roles, agency), what and when — the same trail the person page's 「閲覧・操作の記録」 shows.
 */
export async function subjectAccessLog(audit: AuditService, municipality: string, personId: string, max = SUBJECT_ACCESS_LOG_MAX): Promise<{ entries: SubjectAccessEntry[]; omitted: number }> {
  const { items, total } = await audit.list({ municipality, subjectId: personId }, { limit: max, offset: 0, orderBy: { seq: 'desc' } });
  return {
    entries: items.map((record) => ({
      occurredAt: record.occurredAt,
      actor: record.actor ?? '',
      roles: record.roles,
      agency: record.agency,
      action: record.action,
      resourceType: record.resourceType,
      resourceId: record.resourceId,
      outcome: record.outcome,
    })),
    omitted: Math.max(0, total - items.length),
  };
}

/**
 * A record's stored fields as JSON for a 開示請求 pack: every property the entity exposes (hidden search keys and the
 * tenant column left out), dates as ISO 8601.
 */
export function recordFields(entity: object, omit: readonly string[] = []): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(wrap(entity).toObject())) as Record<string, unknown>;
  for (const key of ['municipality', ...omit]) delete plain[key];
  return plain;
}
