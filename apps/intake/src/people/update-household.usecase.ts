import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { HouseholdUpdated } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { PersonVisibility } from '../access/person-visibility';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { Household } from './household.entity';
import type { HouseholdView, UpdateHouseholdCommand } from './household.dto';
import { applyHouseholdFields, householdView } from './household.view';
import { AddressVisibility } from './person.view';
import { householdEventData, recordMembershipProtections } from './protection';

@Injectable()
export class UpdateHouseholdUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly visibility: AddressVisibility,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string, command: UpdateHouseholdCommand, expectedVersion: number): Promise<HouseholdView> {
    return this.em.transactional(async (em) => {
      const household = await this.people.findVisible(em, Household, 'Household', id, this.people.householdFilter());
      // People added to the household must be visible to the caller; members already there stay as they are.
      const present = new Set(household.members.map((member) => member.personId));
      const added = [command.keyPersonId, ...(command.members ?? []).map((member) => member.personId)].filter((personId) => personId && !present.has(personId));
      await this.people.assertVisibleReferences(em, added, 'members');
      assertVersion(household, expectedVersion, 'Household');
      const { version: _version, ...fields } = command;
      if (fields.districtId !== undefined && (await householdView(em, household, this.visibility)).districtMasked) {
        // As with a person's protected address: no blind overwrite of what the caller may not see.
        throw DomainException.invalidField('districtId', 'a member of this household has DV address protection; only permitted staff may change its district');
      }
      const before = household.members.map((member) => member.personId);
      await applyHouseholdFields(em, household, fields);
      await em.flush();
      this.events.record(em, HouseholdUpdated, household.id, await householdEventData(em, household));
      // Protected people who joined or left: their household list (and so what receivers mask) changed.
      const after = household.members.map((member) => member.personId);
      await recordMembershipProtections(em, this.events, [...before.filter((id) => !after.includes(id)), ...after.filter((id) => !before.includes(id))]);
      return householdView(em, household, this.visibility);
    });
  }
}
