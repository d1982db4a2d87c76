import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CaseOpened, ConsultationReceived, type CaseEventData, type CloudEvent, type ConsultationEventData } from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { Handover } from './handover.entity';

/** Consumed intake events that close the hand-over loop. */
export const CONSUMED_RECORD_EVENTS = [ConsultationReceived, CaseOpened];

/**
 * Intake creates the consultation or case of a hand-over with the id outreach chose (recordId) and publishes its
 * usual event; seeing that id here marks the hand-over linked. Other consultations and cases are ignored.
 */
@Controller()
export class IntakeRecordHandlers {
  @EventPattern(ConsultationReceived.subject)
  consultation(@Payload() event: CloudEvent<ConsultationEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return link(ctx, event.data.consultationId, new Date(event.time));
  }

  @EventPattern(CaseOpened.subject)
  case(@Payload() event: CloudEvent<CaseEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return link(ctx, event.data.caseId, new Date(event.time));
  }
}

async function link(ctx: JetStreamContext, recordId: string, at: Date): Promise<void> {
  const handover = await ctx.em.findOne(Handover, { recordId });
  if (!handover || handover.status === 'linked') return;
  handover.status = 'linked';
  handover.linkedAt = at;
  await ctx.em.flush();
}
