import { Module } from '@nestjs/common';
import { ChangeResourceStatusUseCase } from './change-resource-status.usecase';
import { ImportResourcesCsvUseCase } from './import-resources-csv.usecase';
import { GetResourceUseCase, ListResourcesUseCase } from './list-resources.usecase';
import { RegisterResourceUseCase } from './register-resource.usecase';
import { ResourcesController } from './resources.controller';
import { ResourcesRpcController } from './resources.rpc.controller';
import { SearchResourcesUseCase } from './search-resources.usecase';
import { UpdateResourceUseCase } from './update-resource.usecase';

/** 地域資源: community resources, their lifecycle, CSV import and the search RPC. */
@Module({
  controllers: [ResourcesController, ResourcesRpcController],
  providers: [
    ListResourcesUseCase,
    GetResourceUseCase,
    RegisterResourceUseCase,
    UpdateResourceUseCase,
    ChangeResourceStatusUseCase,
    ImportResourcesCsvUseCase,
    SearchResourcesUseCase,
  ],
  exports: [RegisterResourceUseCase, SearchResourcesUseCase],
})
export class ResourcesModule {}
