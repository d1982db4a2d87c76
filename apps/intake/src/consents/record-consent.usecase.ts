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
    const consent = this.build(command);
    return this.em.transactional(async (em) => {
      await this.check(em, [command]);
      this.stage(em, consent);
      await em.flush();
      await restoreReferralsCoveredBy(em, this.coverage, consent);
      return consentView(consent);
    });
  }

  /** A new consent from the command, checked by the rules that need no query (400 naming the field); nothing is written. */
  build(command: RecordConsentCommand): Consent {
    if (command.scope === 'named-organization' && !command.targetOrganizationIds?.length) {
      throw DomainException.invalidField('targetOrganizationIds', 'name at least one organisation for 特定機関への提供');
    }
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
    return consent;
  }

  /**
   * The references of consent commands, a few queries for any number of them (an import's batch): each person exists and
   * is within the caller's reach, each organisation named is known. Throws as execute does (400 naming the field).
   */
  async check(em: EntityManager, commands: readonly RecordConsentCommand[]): Promise<void> {
    const personIds = commands.map((command) => command.personId);
    await assertExist(em, Person, personIds, 'personId');
    await this.people.assertVisibleReferences(em, personIds, 'personId');
    await assertKnownOrganizations(em, {
      targetOrganizationIds: commands.flatMap((command) => command.targetOrganizationIds ?? []),
      obtainedByOrganizationId: commands.map((command) => command.obtainedByOrganizationId),
    });
  }

  /**
   * Writes a checked consent and its event with the caller's next flush. A consent obtained may restore the person's
   * lapsed referrals: execute does that after the flush (restoreReferralsCoveredBy); an import does it for the people
   * who have such referrals.
   */
  stage(em: EntityManager, consent: Consent): void {
    em.persist(consent);
    this.events.record(em, consent.status === 'refused' ? ConsentRefused : ConsentRecorded, consent.id, consentEventData(consent));
  }
}
