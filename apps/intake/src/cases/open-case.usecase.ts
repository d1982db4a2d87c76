import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { CaseOpened } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertExist, findOrFail } from '@tsunagu/platform-persistence';
import { fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { ConsentCoverage } from '../consents/consent-coverage';
import { Consultation } from '../consultations/consultation.entity';
import { Household } from '../people/household.entity';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { MultiAgencyCase } from './case.entity';
import type { CaseView, OpenCaseCommand } from './case.dto';
import { nextCaseNumber } from './case-number';
import { caseEventData, caseView } from './case.view';
import { assertKnownOrganizations } from '@tsunagu/registry-organization-copy';

@Injectable()
export class OpenCaseUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly coverage: ConsentCoverage,
  ) {}

  /** `openedOn` (the record import only): the day the old system opened the case — its 開始日 and its number's 年度. */
  async execute(command: OpenCaseCommand, options: { openedOn?: string } = {}): Promise<CaseView> {
    if (options.openedOn && options.openedOn > todayInJapan()) throw DomainException.invalidField('openedOn', 'must not be in the future');
    return this.em.transactional(async (em) => {
      const household = await findOrFail(em, Household, 'Household', command.householdId).catch(() => {
        throw DomainException.invalidField('householdId', `unknown id(s): ${command.householdId}`);
      });
      if (!household.members.some((member) => member.personId === command.keyPersonId)) {
        throw DomainException.invalidField('keyPersonId', 'the key person must be a member of the household');
      }
      await assertExist(em, Consultation, [command.consultationId], 'consultationId');
      await assertKnownOrganizations(em, { coordinatorOrganizationId: command.coordinatorOrganizationId, memberOrganizationIds: command.memberOrganizationIds });
      const record = new MultiAgencyCase();
      record.householdId = household.id;
      record.keyPersonId = command.keyPersonId;
      record.consultationId = command.consultationId ?? null;
      record.track = command.track;
      record.coordinatorOrganizationId = command.coordinatorOrganizationId;
      record.coordinatorStaff = TenantContext.principal()?.subject ?? 'system';
      record.memberOrganizationIds = [...(command.memberOrganizationIds ?? [])];
      if (command.track === 'consented') {
        // The 重層 track exists only with the person's consent to be discussed at the 重層的支援会議.
        const consent = await this.coverage.jusouConsent(em, command.keyPersonId);
        if (!consent) {
          throw new DomainException(
            DomainErrorCode.ConsentRequired,
            'The key person has no obtained consent for 重層的支援会議での共有: open the case on the pre-consent (支援会議) track, or record consent first.',
            { errors: { track: 'no consent for the 重層 track' } },
          );
        }
        record.consentId = consent.id;
        record.consentMemberOrganizationIds = [...record.memberOrganizationIds];
        record.status = 'received';
      } else {
        record.status = 'potential';
      }
      if (options.openedOn) record.createdAt = new Date(`${options.openedOn}T00:00:00+09:00`);
      record.caseNo = await nextCaseNumber(em, TenantContext.requireMunicipality(), fiscalYearOf(options.openedOn ?? todayInJapan()));
      em.persist(record);
      await em.flush();
      this.events.record(em, CaseOpened, record.id, caseEventData(record));
      return caseView(record);
    });
  }
}
