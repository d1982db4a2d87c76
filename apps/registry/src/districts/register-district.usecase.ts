import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { DistrictRegistered } from '@tsunagu/contracts';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { District } from './district.entity';
import type { DistrictView, RegisterDistrictCommand } from './district.dto';
import { applyDistrictFields, districtEventData, districtView } from './district.view';

@Injectable()
export class RegisterDistrictUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(command: RegisterDistrictCommand): Promise<DistrictView> {
    return this.em.transactional(async (em) => {
      const district = new District();
      applyDistrictFields(district, command);
      em.persist(district);
      await em.flush();
      this.events.record(em, DistrictRegistered, district.id, districtEventData(district));
      return districtView(district);
    });
  }
}
