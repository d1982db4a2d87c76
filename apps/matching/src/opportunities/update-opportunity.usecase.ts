import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { recordScopeOf } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { findOrFail, assertVersion } from '@tsunagu/platform-persistence';
import type { OpportunityView, UpdateOpportunityCommand } from './opportunity.dto';
import { Opportunity } from './opportunity.entity';
import { applyOpportunityTerms, opportunityView } from './opportunity.view';

/** Loads an opportunity the caller may edit: agency callers only their own organisation's (else 404). */
export async function findWritableOpportunity(em: EntityManager, id: string): Promise<Opportunity> {
  const opportunity = await findOrFail(em, Opportunity, 'Opportunity', id);
  const principal = TenantContext.principal();
  if (principal && recordScopeOf(principal) === 'agency' && opportunity.organizationId !== principal.agency) throw DomainException.notFound('Opportunity', id);
  return opportunity;
}

@Injectable()
export class UpdateOpportunityUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string, command: UpdateOpportunityCommand, expectedVersion: number): Promise<OpportunityView> {
    return this.em.transactional(async (em) => {
      const opportunity = await findWritableOpportunity(em, id);
      assertVersion(opportunity, expectedVersion, 'Opportunity');
      if (command.status !== undefined && opportunity.source === 'registry-resource' && command.status !== opportunity.status) {
        throw DomainException.invalidField('status', 'a registry resource’s status follows the registry (suspend or resume it there)');
      }
      if (command.capacity !== undefined && command.seatsLeft === undefined && command.capacity !== null && opportunity.seatsLeft !== null && opportunity.seatsLeft > command.capacity) {
        opportunity.seatsLeft = command.capacity;
      }
      applyOpportunityTerms(opportunity, command);
      if (opportunity.capacity !== null && opportunity.seatsLeft !== null && opportunity.seatsLeft > opportunity.capacity) {
        throw DomainException.invalidField('seatsLeft', 'cannot exceed capacity');
      }
      if (command.status !== undefined) opportunity.status = command.status;
      await em.flush();
      return opportunityView(opportunity);
    });
  }
}
