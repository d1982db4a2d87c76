import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from '@mikro-orm/core';
import { PersonDestroyed, type CloudEvent, type PersonDestroyedEventData } from '@tsunagu/contracts';
import { forgetStoredResponses, logDestruction } from '@tsunagu/platform-audit';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { FollowUp } from '../follow-ups/follow-up.entity';
import { MenuGap } from '../gaps/menu-gap.entity';
import { Match } from '../matches/match.entity';
import { ParticipationNeed } from '../needs/participation-need.entity';
import { PersonCopy } from './person-copy.entity';

/**
 * Intake destroyed a person past their retention period (person.destroyed): matching destroys its copies the same way —
 * the person's needs lose their notes and interest words, their matches the end note and their follow-ups the staff's
 * words (`erase`), or needs, matches, follow-ups and menu gaps are deleted (`delete`) — forgets the person and the
 * stored responses naming them, and logs each destruction (ids and codes only). Through ctx.em: the inbox row commits with it, so a redelivery does nothing twice.
 */
@Controller()
export class PersonDestroyedHandler {
  @EventPattern(PersonDestroyed.subject)
  destroyed(@Payload() event: CloudEvent<PersonDestroyedEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return destroyCopies(ctx.em, event.data);
  }
}

async function destroyCopies(em: EntityManager, data: PersonDestroyedEventData): Promise<void> {
  const needIds = (await em.find(ParticipationNeed, { personId: data.personId }, { fields: ['id'] })).map((need) => need.id);
  const matchIds = needIds.length ? (await em.find(Match, { needId: { $in: needIds } }, { fields: ['id'] })).map((match) => match.id) : [];
  if (data.action === 'delete') {
    if (matchIds.length) await em.nativeDelete(FollowUp, { matchId: { $in: matchIds } });
    if (needIds.length) {
      await em.nativeDelete(Match, { needId: { $in: needIds } });
      await em.nativeDelete(MenuGap, { needId: { $in: needIds } });
      await em.nativeDelete(ParticipationNeed, { id: { $in: needIds } });
    }
  } else {
    if (matchIds.length) {
      await em.nativeUpdate(FollowUp, { matchId: { $in: matchIds } }, { issues: null, adjustments: null });
      await em.nativeUpdate(Match, { id: { $in: matchIds } }, { endNote: null });
    }
    if (needIds.length) await em.nativeUpdate(ParticipationNeed, { id: { $in: needIds } }, { notes: null, interests: [] });
  }
  await em.nativeDelete(PersonCopy, { personId: data.personId });
  await forgetStoredResponses(em, 'matching', [data.personId, ...needIds, ...matchIds]);
  const entry = { action: data.action, ruleId: data.ruleId, ruleVersion: data.ruleVersion, batchId: data.batchId, approvedBy: data.approvedBy, destroyedAt: new Date(data.destroyedAt) };
  logDestruction(em, [...needIds.map((recordId) => ({ ...entry, recordType: 'participation-need', recordId })), { ...entry, recordType: 'person-copy', recordId: data.personId }]);
  await em.flush();
}
