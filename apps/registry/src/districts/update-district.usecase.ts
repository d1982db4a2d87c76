import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { DistrictUpdated } from '@tsunagu/contracts';
import { assertVersion, findOrFail } from '@tsunagu/platform-persistence';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { District } from './district.entity';
import type { DistrictView, UpdateDistrictCommand } from './district.dto';
import { applyDistrictFields, districtEventData, districtView } from './district.view';

@Injectable()
export class UpdateDistrictUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(id: string, command: UpdateDistrictCommand, expectedVersion: number): Promise<DistrictView> {
    return this.em.transactional(async (em) => {
      const district = await findOrFail(em, District, 'District', id);
      assertVersion(district, expectedVersion, 'District');
      const { version: _version, ...fields } = command;
      applyDistrictFields(district, fields);
      await em.flush();
      this.events.record(em, DistrictUpdated, district.id, districtEventData(district));
      return districtView(district);
    });
  }
}
