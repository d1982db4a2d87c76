import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { OutreachTargetHandedOver, type CloudEvent, type OutreachHandedOverData } from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { ReceiveHandoverUseCase } from './receive-handover.usecase';

/** Events of other services intake follows: outreach hand-overs (durable consumer, inbox, ack after commit). */
export const CONSUMED_EVENTS = [OutreachTargetHandedOver] as const;

@Controller()
export class HandoverEventHandlers {
  constructor(private readonly receive: ReceiveHandoverUseCase) {}

  @EventPattern(OutreachTargetHandedOver.subject)
  async handedOver(@Payload() event: CloudEvent<OutreachHandedOverData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.receive.execute(ctx.em, event.data);
  }
}
