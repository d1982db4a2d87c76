import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { LegalHoldPlaced, LegalHoldReleased, type CloudEvent, type LegalHoldPlacedEventData, type LegalHoldReleasedEventData } from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { IntakeLegalHold } from './intake-legal-hold.entity';

/** The intake events outreach's retention consumes. */
export const CONSUMED_HOLD_EVENTS = [LegalHoldPlaced, LegalHoldReleased];

/**
 * Keeps the legal holds placed in intake, by the person they hold (ADR 0019), so a hold in intake stops the
 * destruction of the person's targets here too. Through ctx.em: the inbox row commits with it (a redelivery does
 * nothing twice); a release that arrives first is kept as released when the placing comes.
 */
@Controller()
export class IntakeLegalHoldsHandlers {
  @EventPattern(LegalHoldPlaced.subject)
  async placed(@Payload() event: CloudEvent<LegalHoldPlacedEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { holdId, personId, reason, until } = event.data;
    if (await ctx.em.findOne(IntakeLegalHold, { holdId })) return;
    ctx.em.persist(Object.assign(new IntakeLegalHold(), { holdId, municipality: event.municipality, personId, reason, until }));
    await ctx.em.flush();
  }

  @EventPattern(LegalHoldReleased.subject)
  async released(@Payload() event: CloudEvent<LegalHoldReleasedEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.em.nativeUpdate(IntakeLegalHold, { holdId: event.data.holdId }, { releasedAt: new Date(event.data.releasedAt) });
  }
}
