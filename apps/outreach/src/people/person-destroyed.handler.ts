import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from '@mikro-orm/core';
import { PersonDestroyed, type CloudEvent, type PersonDestroyedEventData } from '@tsunagu/contracts';
import { forgetStoredResponses, logDestruction } from '@tsunagu/platform-audit';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { destroyTargets } from '../retention/destroy-targets';
import { heldTargetIds } from '../retention/due-targets';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { PersonMirror } from './intake-people.entity';

/**
 * Intake destroyed a person past their retention period (person.destroyed): outreach destroys its copies the same way —
 * the targets naming the person have their place, notes, contact notes and companions' names erased (`erase`), or are
 * deleted with their contacts, watch plans, alerts and handovers (`delete`) — forgets the person and the stored
 * responses naming them, and logs each destruction (ids and codes only). A target under a legal hold placed in outreach is kept. Through ctx.em: the inbox row commits with it, so a redelivery does nothing twice.
 */
@Controller()
export class PersonDestroyedHandler {
  @EventPattern(PersonDestroyed.subject)
  destroyed(@Payload() event: CloudEvent<PersonDestroyedEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return destroyCopies(ctx.em, event.data);
  }
}

async function destroyCopies(em: EntityManager, data: PersonDestroyedEventData): Promise<void> {
  const named = (await em.find(OutreachTarget, { personId: data.personId }, { fields: ['id'] })).map((target) => target.id);
  // A hold placed here (on a target, or on the person) stops this destruction as it stops outreach's own: intake
  // cannot know it. The held targets stay as they are; the person's copy goes (its source is gone).
  const held = new Set(await heldTargetIds(em, named, todayInJapan()));
  const targetIds = named.filter((id) => !held.has(id));
  await destroyTargets(em, targetIds, data.action);
  await em.nativeDelete(PersonMirror, { personId: data.personId });
  await forgetStoredResponses(em, 'outreach', [data.personId, ...targetIds]);
  const entry = { action: data.action, ruleId: data.ruleId, ruleVersion: data.ruleVersion, batchId: data.batchId, approvedBy: data.approvedBy, destroyedAt: new Date(data.destroyedAt) };
  logDestruction(em, [...targetIds.map((recordId) => ({ ...entry, recordType: 'outreach-target', recordId })), { ...entry, recordType: 'person-mirror', recordId: data.personId }]);
  await em.flush();
}
