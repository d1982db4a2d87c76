import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from '@mikro-orm/core';
import {
  HouseholdRegistered,
  HouseholdUpdated,
  PersonProtectionChanged,
  PersonRegistered,
  PersonUpdated,
  type CloudEvent,
  type HouseholdEventData,
  type PersonEventData,
  type PersonProtectionEventData,
} from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { HouseholdMirror, PersonMirror } from './intake-people.entity';
import { refreshTargetProtection } from './target-protection';

/** Consumed intake events: which people and households exist (per municipality) and who is protected. */
export const CONSUMED_PEOPLE_EVENTS = [PersonRegistered, PersonUpdated, PersonProtectionChanged, HouseholdRegistered, HouseholdUpdated];

/**
 * Keeps outreach's mirror of intake's people and households. Writes go through ctx.em, so the mirror row and the
 * inbox row commit together (a redelivered event is skipped). A protection change re-marks the targets of the
 * person and of their households, so masking follows intake whichever order the events arrive in.
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
    const { personId, householdIds, protections } = event.data;
    const at = new Date(event.time);
    const row = (await ctx.em.findOne(PersonMirror, { personId })) ?? newPerson(ctx.em, personId, event.municipality);
    if (row.protectionAt && row.protectionAt > at) return;
    const before = row.householdIds;
    row.protections = [...protections];
    row.isProtected = protections.length > 0;
    row.householdIds = [...householdIds];
    row.protectionAt = at;
    await ctx.em.flush();
    const households = [...new Set([...before, ...householdIds])];
    const targets = await ctx.em.find(OutreachTarget, { $or: [{ personId }, ...(households.length ? [{ householdId: { $in: households } }] : [])] });
    await refreshTargetProtection(ctx.em, targets);
  }

  @EventPattern(HouseholdRegistered.subject)
  householdRegistered(@Payload() event: CloudEvent<HouseholdEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return knowHousehold(ctx.em, event.data.householdId, event.municipality);
  }

  @EventPattern(HouseholdUpdated.subject)
  householdUpdated(@Payload() event: CloudEvent<HouseholdEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return knowHousehold(ctx.em, event.data.householdId, event.municipality);
  }
}

async function knowPerson(em: EntityManager, personId: string, municipality: string): Promise<void> {
  if (await em.findOne(PersonMirror, { personId })) return;
  newPerson(em, personId, municipality);
  await em.flush();
}

async function knowHousehold(em: EntityManager, householdId: string, municipality: string): Promise<void> {
  if (await em.findOne(HouseholdMirror, { householdId })) return;
  const row = new HouseholdMirror();
  row.householdId = householdId;
  row.municipality = municipality;
  em.persist(row);
  await em.flush();
}

function newPerson(em: EntityManager, personId: string, municipality: string): PersonMirror {
  const row = new PersonMirror();
  row.personId = personId;
  row.municipality = municipality;
  em.persist(row);
  return row;
}
