import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { OrganizationUpdated } from '@tsunagu/contracts';
import { assertVersion, findOrFail } from '@tsunagu/platform-persistence';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { assertDistrictsExist } from '../shared/references';
import { Organization } from './organization.entity';
import type { OrganizationView, UpdateOrganizationCommand } from './organization.dto';
import { applyOrganizationFields, organizationEventData, organizationView } from './organization.view';

@Injectable()
export class UpdateOrganizationUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(id: string, command: UpdateOrganizationCommand, expectedVersion: number): Promise<OrganizationView> {
    return this.em.transactional(async (em) => {
      const organization = await findOrFail(em, Organization, 'Organization', id);
      assertVersion(organization, expectedVersion, 'Organization');
      const { version: _version, ...fields } = command;
      if (fields.districtIds) await assertDistrictsExist(em, fields.districtIds, 'districtIds');
      applyOrganizationFields(organization, fields);
      await em.flush();
      this.events.record(em, OrganizationUpdated, organization.id, organizationEventData(organization));
      return organizationView(organization);
    });
  }
}
