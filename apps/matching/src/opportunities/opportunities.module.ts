import { Module } from '@nestjs/common';
import { CreateMenuUseCase } from './create-menu.usecase';
import { GetOpportunityUseCase, ListOpportunitiesUseCase } from './list-opportunities.usecase';
import { OpportunitiesController } from './opportunities.controller';
import { RefreshFromRegistryUseCase } from './refresh-from-registry.usecase';
import { ResourceEventHandlers } from './resource-events.handlers';
import { SyncResourceUseCase } from './sync-resource.usecase';
import { UpdateOpportunityUseCase } from './update-opportunity.usecase';

/** Opportunities: registry resources copied by events (details on request from the registry), and hosts' own menus. */
@Module({
  controllers: [OpportunitiesController, ResourceEventHandlers],
  providers: [ListOpportunitiesUseCase, GetOpportunityUseCase, CreateMenuUseCase, UpdateOpportunityUseCase, SyncResourceUseCase, RefreshFromRegistryUseCase],
})
export class OpportunitiesModule {}
