import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ResourcePublished, ResourceRegistered, ResourceResumed, ResourceRetired, ResourceSuspended, ResourceUpdated, ResourceVerified, type CloudEvent, type ResourceEventData } from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { SyncResourceUseCase } from './sync-resource.usecase';

/** Registry resource events this service follows: each one carries the resource's full coded state. */
export const RESOURCE_EVENTS = [ResourceRegistered, ResourceUpdated, ResourcePublished, ResourceSuspended, ResourceResumed, ResourceRetired, ResourceVerified] as const;

/**
 * One durable JetStream consumer per subject (`matching__<subject>`); every handler delegates to the same
 * use case, which writes through `ctx.em` so the copy and the inbox row commit together.
 */
@Controller()
export class ResourceEventHandlers {
  constructor(readonly sync: SyncResourceUseCase) {}
}

type ResourceHandler = (this: ResourceEventHandlers, event: CloudEvent<ResourceEventData>, ctx: JetStreamContext) => Promise<void>;

for (const contract of RESOURCE_EVENTS) {
  const name = `sync:${contract.subject}`;
  const handler: ResourceHandler = function (event, ctx) {
    return this.sync.execute(ctx.em, event);
  };
  Object.defineProperty(ResourceEventHandlers.prototype, name, { value: handler, writable: false, enumerable: false, configurable: false });
  const descriptor = Object.getOwnPropertyDescriptor(ResourceEventHandlers.prototype, name) as PropertyDescriptor;
  EventPattern(contract.subject)(ResourceEventHandlers.prototype, name, descriptor);
  Payload()(ResourceEventHandlers.prototype, name, 0);
  Ctx()(ResourceEventHandlers.prototype, name, 1);
}
