import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { OrganizationRegistered } from '@tsunagu/contracts';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { assertDistrictsExist } from '../shared/references';
import { Organization } from './organization.entity';
import type { OrganizationView, RegisterOrganizationCommand } from './organization.dto';
import { applyOrganizationFields, organizationEventData, organizationView } from './organization.view';

@Injectable()
export class RegisterOrganizationUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(command: RegisterOrganizationCommand): Promise<OrganizationView> {
    return this.em.transactional(async (em) => {
      await assertDistrictsExist(em, command.districtIds ?? [], 'districtIds');
      const organization = new Organization();
      applyOrganizationFields(organization, command);
      em.persist(organization);
      await em.flush();
      this.events.record(em, OrganizationRegistered, organization.id, organizationEventData(organization));
      return organizationView(organization);
    });
  }
}
