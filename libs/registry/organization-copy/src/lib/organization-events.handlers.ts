import { Controller, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { OrganizationRegistered, OrganizationUpdated, type CloudEvent, type OrganizationEventData } from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { OrganizationCopy } from './organization-copy.entity';

/** The registry's organisation events this service follows to keep its copy (ids and types only). */
export const ORGANIZATION_EVENTS = [OrganizationRegistered, OrganizationUpdated] as const;

/** Copies an organisation event; an older event than the one already applied changes nothing. */
@Injectable()
export class ApplyOrganizationEventUseCase {
  async execute(em: EntityManager, event: CloudEvent<OrganizationEventData>): Promise<void> {
    const at = new Date(event.time);
    let copy = await em.findOne(OrganizationCopy, { id: event.data.organizationId });
    if (copy && copy.eventAt > at) return;
    if (!copy) {
      copy = new OrganizationCopy();
      copy.id = event.data.organizationId;
      em.persist(copy);
    }
    copy.type = event.data.type;
    copy.eventAt = at;
    await em.flush();
  }
}

@Controller()
export class OrganizationEventHandlers {
  constructor(private readonly apply: ApplyOrganizationEventUseCase) {}

  @EventPattern(OrganizationRegistered.subject)
  registered(@Payload() event: CloudEvent<OrganizationEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.apply.execute(ctx.em, event);
  }

  @EventPattern(OrganizationUpdated.subject)
  updated(@Payload() event: CloudEvent<OrganizationEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.apply.execute(ctx.em, event);
  }
}

/** The copy of the registry's organisations, kept from its events (no request to the registry at run time). */
@Module({ controllers: [OrganizationEventHandlers], providers: [ApplyOrganizationEventUseCase] })
export class OrganizationsModule {}
