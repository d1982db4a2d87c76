import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ConsentRecorded, ConsentRefused, ConsentWithdrawn, type CloudEvent, type ConsentEventData } from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { ConsentMirror } from './consent-mirror.entity';

/** Consumed intake events: the consent ledger's changes (ids and codes), mirrored so hand-overs can be checked here. */
export const CONSUMED_CONSENT_EVENTS = [ConsentRecorded, ConsentRefused, ConsentWithdrawn];

/**
 * Keeps outreach's mirror of intake's consent ledger. Writes go through ctx.em, so the mirror row and the inbox row
 * commit together (a redelivered event is skipped). The newest event time wins, so late redeliveries cannot resurrect
 * a withdrawn consent.
 */
@Controller()
export class ConsentEventHandlers {
  @EventPattern(ConsentRecorded.subject)
  recorded(@Payload() event: CloudEvent<ConsentEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return mirror(event, ctx);
  }

  @EventPattern(ConsentRefused.subject)
  refused(@Payload() event: CloudEvent<ConsentEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return mirror(event, ctx);
  }

  @EventPattern(ConsentWithdrawn.subject)
  withdrawn(@Payload() event: CloudEvent<ConsentEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return mirror(event, ctx);
  }
}

async function mirror(event: CloudEvent<ConsentEventData>, ctx: JetStreamContext): Promise<void> {
  const data = event.data;
  const at = new Date(event.time);
  const existing = await ctx.em.findOne(ConsentMirror, { consentId: data.consentId });
  if (existing && existing.updatedAt > at) return;
  const row = existing ?? new ConsentMirror();
  row.consentId = data.consentId;
  row.municipality = event.municipality;
  row.personId = data.personId;
  row.scope = data.scope;
  row.targetOrganizationIds = [...data.targetOrganizationIds];
  row.status = data.status;
  row.updatedAt = at;
  ctx.em.persist(row);
  await ctx.em.flush();
}
