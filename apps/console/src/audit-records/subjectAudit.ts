/**
 * 「閲覧・操作の記録」 of one person: who read, listed or changed them, in every service that keeps personal data
 * (each service has its own hash-chained trail, `GET /api/<service>/audit-records?subjectId=`). Pure: the records come
 * in through a fetch function (the dataProvider's in the app, a fake in the tests).
 */

/** The services whose audit trails name persons (`subjectIds`); the registry holds no personal data. */
export const SUBJECT_AUDIT_SERVICES = ['intake', 'outreach', 'matching'] as const;
export type SubjectAuditService = (typeof SUBJECT_AUDIT_SERVICES)[number];

/** An audit record as `GET /api/<service>/audit-records` returns it (the fields the tab shows). */
export interface AuditRecordRow {
  id: string;
  seq: number;
  occurredAt: string;
  actor: string | null;
  roles?: string[];
  agency?: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
}

export interface SubjectAuditEntry extends AuditRecordRow {
  /** Unique across services: `<service>:<id>`. */
  key: string;
  service: SubjectAuditService;
}

/** The newest records of one service about the subject, and how many it has in all. */
export interface ServicePage {
  records: AuditRecordRow[];
  total: number;
}

export type AuditFetch = (service: SubjectAuditService, subjectId: string) => Promise<ServicePage>;

export interface SubjectAuditResult {
  entries: SubjectAuditEntry[];
  /** Services that did not answer: their records are missing, the others' are shown. */
  failed: SubjectAuditService[];
  /** Services with more records than were fetched (the tab shows the newest page of each). */
  truncated: SubjectAuditService[];
}

/**
 * Newest first across services. Each trail's `seq` orders only its own records, so time decides; within one service
 * the same instant falls back to `seq` (the later write first).
 */
export function mergeSubjectAudit(pages: ReadonlyArray<{ service: SubjectAuditService; records: readonly AuditRecordRow[] }>): SubjectAuditEntry[] {
  const seen = new Map<string, SubjectAuditEntry>();
  for (const { service, records } of pages) {
    for (const record of records) {
      const key = `${service}:${record.id}`;
      if (!seen.has(key)) seen.set(key, { ...record, key, service });
    }
  }
  const instant = (entry: SubjectAuditEntry) => {
    const time = Date.parse(entry.occurredAt);
    return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
  };
  return [...seen.values()].sort((a, b) => instant(b) - instant(a) || (a.service === b.service ? b.seq - a.seq : a.service.localeCompare(b.service)));
}

/** Asks every service at once; one that fails (down, refusing) is reported, not allowed to hide the others. */
export async function loadSubjectAudit(subjectId: string, fetch: AuditFetch, services: readonly SubjectAuditService[] = SUBJECT_AUDIT_SERVICES): Promise<SubjectAuditResult> {
  const settled = await Promise.allSettled(services.map((service) => fetch(service, subjectId)));
  const pages: Array<{ service: SubjectAuditService; records: AuditRecordRow[] }> = [];
  const failed: SubjectAuditService[] = [];
  const truncated: SubjectAuditService[] = [];
  settled.forEach((result, index) => {
    const service = services[index];
    if (result.status === 'rejected') {
      failed.push(service);
      return;
    }
    pages.push({ service, records: result.value.records });
    if (result.value.total > result.value.records.length) truncated.push(service);
  });
  return { entries: mergeSubjectAudit(pages), failed, truncated };
}
