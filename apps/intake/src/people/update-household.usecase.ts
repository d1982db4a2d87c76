import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { HouseholdUpdated } from '@tsunagu/contracts';
import { assertVersion } from '@tsunagu/platform-persistence';
import { IntakeEvents } from '../shared/intake-events';
import { findOrFail } from '../shared/references';
import { Household } from './household.entity';
import type { HouseholdView, UpdateHouseholdCommand } from './household.dto';
import { applyHouseholdFields, householdEventData, householdView } from './household.view';

@Injectable()
export class UpdateHouseholdUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: IntakeEvents,
  ) {}

  async execute(id: string, command: UpdateHouseholdCommand, expectedVersion: number): Promise<HouseholdView> {
    return this.em.transactional(async (em) => {
      const household = await findOrFail(em, Household, 'Household', id);
      assertVersion(household, expectedVersion, 'Household');
      const { version: _version, ...fields } = command;
      await applyHouseholdFields(em, household, fields);
      await em.flush();
      await this.events.record(em, HouseholdUpdated, household.id, householdEventData(household));
      return householdView(em, household);
    });
  }
}
