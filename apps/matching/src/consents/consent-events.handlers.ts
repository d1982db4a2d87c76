import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ConsentRecorded, ConsentRefused, ConsentWithdrawn, type CloudEvent, type ConsentEventData } from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { ApplyConsentEventUseCase } from './apply-consent-event.usecase';

/** Intake's consent events this service follows (the consent gate reads their copies). */
export const CONSENT_EVENTS = [ConsentRecorded, ConsentRefused, ConsentWithdrawn] as const;

@Controller()
export class ConsentEventHandlers {
  constructor(private readonly apply: ApplyConsentEventUseCase) {}

  @EventPattern(ConsentRecorded.subject)
  recorded(@Payload() event: CloudEvent<ConsentEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.apply.execute(ctx.em, event);
  }

  @EventPattern(ConsentRefused.subject)
  refused(@Payload() event: CloudEvent<ConsentEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.apply.execute(ctx.em, event);
  }

  @EventPattern(ConsentWithdrawn.subject)
  withdrawn(@Payload() event: CloudEvent<ConsentEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.apply.execute(ctx.em, event);
  }
}
