import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { DomainException } from '@tsunagu/platform-errors';
import { findWritableHost } from '../hosts/host-access';
import type { CreateMenuCommand, OpportunityView } from './opportunity.dto';
import { Opportunity } from './opportunity.entity';
import { applyOpportunityTerms, opportunityView } from './opportunity.view';

/** メニューづくり: a host offers a menu of its own (an agency user or client only for its own organisation). */
@Injectable()
export class CreateMenuUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(command: CreateMenuCommand): Promise<OpportunityView> {
    return this.em.transactional(async (em) => {
      const host = await findWritableHost(em, command.hostId, 'hostId');
      if (command.districtId && host.districtIds.length > 0 && !host.districtIds.includes(command.districtId)) {
        throw DomainException.invalidField('districtId', 'must be one of the host’s districts');
      }
      const menu = new Opportunity();
      menu.source = 'host-menu';
      menu.hostId = host.id;
      menu.organizationId = host.organizationId;
      menu.districtId = host.districtIds.length === 1 ? host.districtIds[0] : null;
      applyOpportunityTerms(menu, command);
      menu.status = command.status ?? 'preparing';
      em.persist(menu);
      await em.flush();
      return opportunityView(menu);
    });
  }
}
