import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { assertMatchesSchema, CollectMatchingSubjectRecordsRpc, type SubjectRecord, type SubjectRecordsRequest, type SubjectRecordsResponse } from '@tsunagu/contracts';
import { AuditService, recordFields, subjectAccessLog } from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { FollowUp } from '../follow-ups/follow-up.entity';
import { Match } from '../matches/match.entity';
import { ParticipationNeed } from '../needs/participation-need.entity';

/**
 * `tsunagu.rpc.matching.subject-records.collect` (開示請求): the person's participation needs (参加ニーズ), matches and the
 * follow-ups of those matches, with matching's own access log of the person. Matching holds nobody else's personal data
 * on these rows (hosts and opportunities are organisations' offers), so nothing is withheld here. Runs as the requesting
 * municipality, under row-level security.
 */
@Injectable()
export class CollectSubjectRecordsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async execute(request: SubjectRecordsRequest): Promise<SubjectRecordsResponse> {
    try {
      assertMatchesSchema(CollectMatchingSubjectRecordsRpc.subject, CollectMatchingSubjectRecordsRpc.request, request);
    } catch (error) {
      throw new DomainException(DomainErrorCode.ValidationFailed, (error as Error).message);
    }
    const em = this.em.fork();
    const records: SubjectRecord[] = [];
    for (const need of await em.find(ParticipationNeed, { personId: request.personId }, { orderBy: { registeredOn: 'asc', id: 'asc' } })) {
      records.push({
        type: 'ParticipationNeed',
        id: need.id,
        fields: recordFields(need),
      });
    }
    const matches = await em.find(Match, { personId: request.personId }, { orderBy: { proposedOn: 'asc', id: 'asc' } });
    for (const match of matches)
      records.push({
        type: 'Match',
        id: match.id,
        fields: recordFields(match),
      });
    if (matches.length > 0) {
      for (const followUp of await em.find(FollowUp, { matchId: { $in: matches.map((match) => match.id) } }, { orderBy: { heldOn: 'asc', id: 'asc' } })) {
        records.push({
          type: 'FollowUp',
          id: followUp.id,
          fields: recordFields(followUp),
        });
      }
    }
    const log = await subjectAccessLog(this.audit, TenantContext.requireMunicipality(), request.personId);
    return {
      service: 'matching',
      records,
      withheld: [],
      accessLog: log.entries,
      accessLogOmitted: log.omitted,
    };
  }
}
