import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { HouseholdRegistered } from '@tsunagu/contracts';
import { PersonVisibility } from '../access/person-visibility';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { Household } from './household.entity';
import type { HouseholdView, RegisterHouseholdCommand } from './household.dto';
import { applyHouseholdFields, householdView } from './household.view';
import { AddressVisibility } from './person.view';
import { householdEventData, recordMembershipProtections } from './protection';

@Injectable()
export class RegisterHouseholdUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly visibility: AddressVisibility,
    private readonly people: PersonVisibility,
  ) {}

  async execute(command: RegisterHouseholdCommand): Promise<HouseholdView> {
    return this.em.transactional(async (em) => householdView(em, await this.create(em, command), this.visibility));
  }

  /** Checks and writes a household and its events in `em`'s transaction (also the record import's way in). */
  async create(em: EntityManager, command: RegisterHouseholdCommand): Promise<Household> {
    const household = new Household();
    // A desk groups only people it may see; the household is then a record of its own.
    await this.people.assertVisibleReferences(em, [command.keyPersonId, ...(command.members ?? []).map((member) => member.personId)], 'members');
    household.registeredByOrganizationId = this.people.organizationOf() ?? null;
    await applyHouseholdFields(em, household, command);
    em.persist(household);
    await em.flush();
    this.events.record(em, HouseholdRegistered, household.id, await householdEventData(em, household));
    await recordMembershipProtections(em, this.events, household.members.map((member) => member.personId));
    return household;
  }
}
