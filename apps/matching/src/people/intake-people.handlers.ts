import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from '@mikro-orm/core';
import { PersonDestroyed, PersonProtectionChanged, PersonRegistered, PersonUpdated, type CloudEvent, type PersonEventData, type PersonProtection, type PersonProtectionEventData } from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { refreshNeedProtection } from './need-protection';
import { PersonCopy } from './person-copy.entity';

/** Intake's person events this service follows: which people exist (per municipality), who is protected, who was destroyed. */
export const PEOPLE_EVENTS = [PersonRegistered, PersonUpdated, PersonProtectionChanged, PersonDestroyed] as const;

/**
 * Keeps matching's copy of intake's people. Writes go through ctx.em, so the copy and the inbox row commit together
 * (a redelivered event is skipped). A protection change re-marks the person's needs whichever order events arrive in.
 */
@Controller()
export class IntakePeopleHandlers {
  constructor(private readonly events: EventRecorder) {}

  @EventPattern(PersonRegistered.subject)
  registered(@Payload() event: CloudEvent<PersonEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return applyPerson(ctx.em, this.events, event, event.data.protections);
  }

  @EventPattern(PersonUpdated.subject)
  updated(@Payload() event: CloudEvent<PersonEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return applyPerson(ctx.em, this.events, event, event.data.protections);
  }

  @EventPattern(PersonProtectionChanged.subject)
  protection(@Payload() event: CloudEvent<PersonProtectionEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return applyPerson(ctx.em, this.events, event, event.data.protections);
  }
}

/**
 * Knows the person, and applies the protections an event states (person.registered / updated carry them, so a person
 * is never known here without their protection; events published before that carry none and only make it known).
 * The newest event time wins.
 */
async function applyPerson(em: EntityManager, events: EventRecorder, event: CloudEvent<{ personId: string }>, protections: PersonProtection[] | undefined): Promise<void> {
  const { personId } = event.data;
  const at = new Date(event.time);
  const copy = (await em.findOne(PersonCopy, { personId })) ?? newCopy(em, personId, event.municipality);
  if (protections === undefined || (copy.protectionAt && copy.protectionAt > at)) {
    await em.flush();
    return;
  }
  copy.protections = [...protections];
  copy.isProtected = protections.length > 0;
  copy.protectionAt = at;
  await em.flush();
  await refreshNeedProtection(em, [personId], events);
}

function newCopy(em: EntityManager, personId: string, municipality: string): PersonCopy {
  const copy = new PersonCopy();
  copy.personId = personId;
  copy.municipality = municipality;
  em.persist(copy);
  return copy;
}
