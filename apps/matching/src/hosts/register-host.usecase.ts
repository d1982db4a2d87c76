import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { HostRegistered } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { Opportunity } from '../opportunities/opportunity.entity';
import { EventRecorder } from '@tsunagu/platform-messaging';
import type { HostView, RegisterHostCommand } from './host.dto';
import { assertKnownOrganizations } from '@tsunagu/registry-organization-copy';
import { Host } from './host.entity';
import { applyHostFields, hostEventData, hostView } from './host.view';

@Injectable()
export class RegisterHostUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(command: RegisterHostCommand): Promise<HostView> {
    return this.em.transactional(async (em) => {
      await assertKnownOrganizations(em, { organizationId: command.organizationId });
      if (await em.findOne(Host, { organizationId: command.organizationId })) {
        throw new DomainException(DomainErrorCode.Conflict, `Organisation ${command.organizationId} is already a host`, { errors: { organizationId: 'is already a host' } });
      }
      const host = new Host();
      host.organizationId = command.organizationId;
      applyHostFields(host, command);
      host.registeredOn = todayInJapan();
      em.persist(host);
      await em.flush();
      // The organisation's community resources become this host's opportunities (its terms now apply to them).
      await em.nativeUpdate(Opportunity, { organizationId: host.organizationId, hostId: null }, { hostId: host.id });
      this.events.record(em, HostRegistered, host.id, hostEventData(host));
      return hostView(host);
    });
  }
}
