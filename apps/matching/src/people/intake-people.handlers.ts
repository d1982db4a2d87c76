import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from '@mikro-orm/core';
import { PersonProtectionChanged, PersonRegistered, PersonUpdated, type CloudEvent, type PersonEventData, type PersonProtectionEventData } from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { refreshNeedProtection } from './need-protection';
import { PersonCopy } from './person-copy.entity';

/** Intake's person events this service follows: which people exist (per municipality) and who is protected. */
export const PEOPLE_EVENTS = [PersonRegistered, PersonUpdated, PersonProtectionChanged] as const;

/**
 * Keeps matching's copy of intake's people. Writes go through ctx.em, so the copy and the inbox row commit together
 * (a redelivered event is skipped). A protection change re-marks the person's needs whichever order events arrive in.
 */
@Controller()
export class IntakePeopleHandlers {
  @EventPattern(PersonRegistered.subject)
  registered(@Payload() event: CloudEvent<PersonEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return knowPerson(ctx.em, event.data.personId, event.municipality);
  }

  @EventPattern(PersonUpdated.subject)
  updated(@Payload() event: CloudEvent<PersonEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return knowPerson(ctx.em, event.data.personId, event.municipality);
  }

  @EventPattern(PersonProtectionChanged.subject)
  async protection(@Payload() event: CloudEvent<PersonProtectionEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { personId, protections } = event.data;
    const at = new Date(event.time);
    const copy = (await ctx.em.findOne(PersonCopy, { personId })) ?? newCopy(ctx.em, personId, event.municipality);
    if (copy.protectionAt && copy.protectionAt > at) return;
    copy.protections = [...protections];
    copy.isProtected = protections.length > 0;
    copy.protectionAt = at;
    await ctx.em.flush();
    await refreshNeedProtection(ctx.em, [personId]);
  }
}

async function knowPerson(em: EntityManager, personId: string, municipality: string): Promise<void> {
  if (await em.findOne(PersonCopy, { personId })) return;
  newCopy(em, personId, municipality);
  await em.flush();
}

function newCopy(em: EntityManager, personId: string, municipality: string): PersonCopy {
  const copy = new PersonCopy();
  copy.personId = personId;
  copy.municipality = municipality;
  em.persist(copy);
  return copy;
}
