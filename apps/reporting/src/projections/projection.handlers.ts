import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { CloudEvent } from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { ProjectEventUseCase } from './project-event.usecase';
import { PROJECTED_EVENTS } from './projector';

/**
 * One handler per projected subject, fed by one durable per source service in stream order (ADR 0016); every handler delegates to the same
 * use case, which writes through `ctx.em` so the projection and the inbox row commit together. The handlers
 * are generated from PROJECTED_EVENTS below, so the list of projected events exists in one place only.
 */
@Controller()
export class ProjectionHandlers {
  constructor(readonly project: ProjectEventUseCase) {}
}

type ProjectionHandler = (this: ProjectionHandlers, event: CloudEvent, ctx: JetStreamContext) => Promise<void>;

for (const contract of PROJECTED_EVENTS) {
  const name = `project:${contract.subject}`;
  const handler: ProjectionHandler = function (event, ctx) {
    return this.project.execute(contract.subject, event, ctx);
  };
  Object.defineProperty(ProjectionHandlers.prototype, name, { value: handler, writable: false, enumerable: false, configurable: false });
  const descriptor = Object.getOwnPropertyDescriptor(ProjectionHandlers.prototype, name) as PropertyDescriptor;
  EventPattern(contract.subject)(ProjectionHandlers.prototype, name, descriptor);
  Payload()(ProjectionHandlers.prototype, name, 0);
  Ctx()(ProjectionHandlers.prototype, name, 1);
}
