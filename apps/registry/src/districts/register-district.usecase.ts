import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { DistrictRegistered } from '@tsunagu/contracts';
import { RegistryEvents } from '../shared/registry-events';
import { District } from './district.entity';
import type { DistrictView, RegisterDistrictCommand } from './district.dto';
import { applyDistrictFields, districtEventData, districtView } from './district.view';

@Injectable()
export class RegisterDistrictUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: RegistryEvents,
  ) {}

  async execute(command: RegisterDistrictCommand): Promise<DistrictView> {
    return this.em.transactional(async (em) => {
      const district = new District();
      applyDistrictFields(district, command);
      em.persist(district);
      await em.flush();
      await this.events.record(em, DistrictRegistered, { aggregateId: district.id, data: districtEventData(district) });
      return districtView(district);
    });
  }
}
