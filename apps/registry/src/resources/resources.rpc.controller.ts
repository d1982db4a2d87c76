import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SearchResourcesRpc, type ResourceSearchRequest, type ResourceSearchResponse } from '@tsunagu/contracts';
import { SearchResourcesUseCase } from './search-resources.usecase';

/** NATS request-reply side of the registry: the same use case the HTTP list shares its filters with. */
@Controller()
export class ResourcesRpcController {
  constructor(private readonly search: SearchResourcesUseCase) {}

  @MessagePattern(SearchResourcesRpc.subject)
  async searchResources(@Payload() request: ResourceSearchRequest): Promise<ResourceSearchResponse> {
    return this.search.execute(request);
  }
}
