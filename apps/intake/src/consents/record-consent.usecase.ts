import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ConsentRecorded, ConsentRefused } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { assertExist } from '@tsunagu/platform-persistence';
import { Person } from '../people/person.entity';
import { PersonVisibility } from '../access/person-visibility';
import { restoreReferralsCoveredBy } from '../referrals/referral-consent';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { ConsentCoverage } from './consent-coverage';
import { Consent } from './consent.entity';
import type { ConsentView, RecordConsentCommand } from './consent.dto';
import { consentEventData, consentView } from './consent.view';
import { assertKnownOrganizations } from '@tsunagu/registry-organization-copy';

@Injectable()
export class RecordConsentUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly people: PersonVisibility,
    private readonly coverage: ConsentCoverage,
  ) {}

  async execute(command: RecordConsentCommand): Promise<ConsentView> {
    if (command.scope === 'named-organization' && !command.targetOrganizationIds?.length) {
      throw DomainException.invalidField('targetOrganizationIds', 'name at least one organisation for 特定機関への提供');
    }
    return this.em.transactional(async (em) => {
      await assertExist(em, Person, [command.personId], 'personId');
      await this.people.assertVisibleReferences(em, [command.personId], 'personId');
      await assertKnownOrganizations(em, { targetOrganizationIds: command.targetOrganizationIds, obtainedByOrganizationId: command.obtainedByOrganizationId });
      const consent = new Consent();
      consent.personId = command.personId;
      consent.scope = command.scope;
      consent.targetOrganizationIds = [...(command.targetOrganizationIds ?? [])];
      consent.method = command.method;
      consent.status = command.status;
      consent.obtainedAt = command.obtainedAt ? new Date(command.obtainedAt) : new Date();
      consent.obtainedBy = TenantContext.principal()?.subject ?? 'system';
      consent.obtainedByOrganizationId = command.obtainedByOrganizationId ?? this.people.organizationOf() ?? null;
      consent.documentRef = command.documentRef ?? null;
      em.persist(consent);
      await em.flush();
      this.events.record(em, consent.status === 'refused' ? ConsentRefused : ConsentRecorded, consent.id, consentEventData(consent));
      await restoreReferralsCoveredBy(em, this.coverage, consent);
      return consentView(consent);
    });
  }
}
