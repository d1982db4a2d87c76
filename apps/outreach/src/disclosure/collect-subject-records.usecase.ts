import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { assertMatchesSchema, CollectOutreachSubjectRecordsRpc, type SubjectRecord, type SubjectRecordsRequest, type SubjectRecordsResponse, type WithheldItem } from '@tsunagu/contracts';
import { AuditService, recordFields, subjectAccessLog } from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { OutreachContact } from '../contacts/outreach-contact.entity';
import { Handover } from '../handover/handover.entity';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { WatchPlan } from '../watch/watch-plan.entity';

/**
 * `tsunagu.rpc.outreach.subject-records.collect` (開示請求): the person's outreach targets, the contacts with them, their
 * watch plans and hand-overs, with outreach's own access log of the person. Withheld: the names of companions and
 * watchers (民生委員, neighbours — 第三者の情報) and the notes of contacts recorded under the 106条の6 支援会議 basis.
 * Runs as the requesting municipality (RpcNatsServer refuses a request without it, ADR 0015), under row-level security.
 */
@Injectable()
export class CollectSubjectRecordsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async execute(request: SubjectRecordsRequest): Promise<SubjectRecordsResponse> {
    try {
      assertMatchesSchema(CollectOutreachSubjectRecordsRpc.subject, CollectOutreachSubjectRecordsRpc.request, request);
    } catch (error) {
      throw new DomainException(DomainErrorCode.ValidationFailed, (error as Error).message);
    }
    const em = this.em.fork();
    const records: SubjectRecord[] = [];
    const withheld: WithheldItem[] = [];
    const targets = await em.find(OutreachTarget, { personId: request.personId }, { orderBy: { discoveredOn: 'asc', id: 'asc' } });
    const targetIds = targets.map((target) => target.id);
    for (const target of targets)
      records.push({
        type: 'OutreachTarget',
        id: target.id,
        fields: recordFields(target),
      });
    const contacts = targetIds.length > 0 ? await em.find(OutreachContact, { targetId: { $in: targetIds } }, { orderBy: { contactedAt: 'asc', id: 'asc' } }) : [];
    for (const contact of contacts) {
      const fields = recordFields(contact);
      fields['accompaniedBy'] = contact.accompaniedBy.map((companion, index) => {
        if (companion.name)
          withheld.push({
            type: 'OutreachContact',
            id: contact.id,
            part: `accompaniedBy[${index}].name`,
            ground: 'third-party',
          });
        return { kind: companion.kind, name: null };
      });
      if (contact.legalBasis === 'support-meeting-106-6' && contact.observationNote) {
        fields['observationNote'] = null;
        withheld.push({
          type: 'OutreachContact',
          id: contact.id,
          part: 'observationNote',
          ground: 'support-meeting-106-6',
        });
      }
      records.push({ type: 'OutreachContact', id: contact.id, fields });
    }
    const plans = targetIds.length > 0 ? await em.find(WatchPlan, { targetId: { $in: targetIds } }) : [];
    for (const plan of plans) {
      const fields = recordFields(plan);
      fields['watchers'] = plan.watchers.map((watcher, index) => {
        if (watcher.name)
          withheld.push({
            type: 'WatchPlan',
            id: plan.id,
            part: `watchers[${index}].name`,
            ground: 'third-party',
          });
        return { kind: watcher.kind, subject: watcher.subject, name: null };
      });
      records.push({ type: 'WatchPlan', id: plan.id, fields });
    }
    for (const handover of await em.find(Handover, { personId: request.personId }, { orderBy: { requestedAt: 'asc', id: 'asc' } })) {
      records.push({
        type: 'Handover',
        id: handover.id,
        fields: recordFields(handover),
      });
    }
    const log = await subjectAccessLog(this.audit, TenantContext.requireMunicipality(), request.personId);
    return {
      service: 'outreach',
      records,
      withheld,
      accessLog: log.entries,
      accessLogOmitted: log.omitted,
    };
  }
}
