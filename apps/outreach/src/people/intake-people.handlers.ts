import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from '@mikro-orm/core';
import {
  HouseholdRegistered,
  HouseholdUpdated,
  PersonDestroyed,
  PersonProtectionChanged,
  PersonRegistered,
  PersonUpdated,
  type CloudEvent,
  type HouseholdEventData,
  type PersonEventData,
  type PersonProtection,
  type PersonProtectionEventData,
} from '@tsunagu/contracts';
import type { JetStreamContext } from '@tsunagu/platform-messaging';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { HouseholdMirror, PersonMirror } from './intake-people.entity';
import { refreshTargetProtection } from './target-protection';

/** Consumed intake events: which people and households exist (per municipality) and who is protected. */
export const CONSUMED_PEOPLE_EVENTS = [PersonRegistered, PersonUpdated, PersonProtectionChanged, HouseholdRegistered, HouseholdUpdated, PersonDestroyed];

/**
 * Keeps outreach's mirror of intake's people and households. Writes go through ctx.em, so the mirror row and the
 * inbox row commit together (a redelivered event is skipped). A protection change re-marks the targets of the
 * person and of their households, so masking follows intake whichever order the events arrive in.
 */
@Controller()
export class IntakePeopleHandlers {
  @EventPattern(PersonRegistered.subject)
  registered(@Payload() event: CloudEvent<PersonEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return applyPerson(ctx.em, event, event.data.protections);
  }

  @EventPattern(PersonUpdated.subject)
  updated(@Payload() event: CloudEvent<PersonEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return applyPerson(ctx.em, event, event.data.protections);
  }

  @EventPattern(PersonProtectionChanged.subject)
  protection(@Payload() event: CloudEvent<PersonProtectionEventData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return applyPerson(ctx.em, event, event.data.protections, event.data.householdIds);
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

/**
 * Knows the person, and applies the protections an event states (person.registered / updated carry them, so a person
 * is never known here without their protection; events published before that carry none and only make it known).
 * The newest event time wins; households come only with protection-changed (undefined = unchanged).
 */
async function applyPerson(em: EntityManager, event: CloudEvent<{ personId: string }>, protections: PersonProtection[] | undefined, householdIds?: string[]): Promise<void> {
  const { personId } = event.data;
  const at = new Date(event.time);
  const row = (await em.findOne(PersonMirror, { personId })) ?? newPerson(em, personId, event.municipality);
  const before = row.householdIds;
  if (protections !== undefined && !(row.protectionAt && row.protectionAt > at)) {
    row.protections = [...protections];
    row.isProtected = protections.length > 0;
    row.protectionAt = at;
  }
  if (householdIds !== undefined && !(row.householdsAt && row.householdsAt > at)) {
    row.householdIds = [...householdIds];
    row.householdsAt = at;
  }
  await em.flush();
  if (protections === undefined) return;
  const households = [...new Set([...before, ...row.householdIds])];
  const targets = await em.find(OutreachTarget, { $or: [{ personId }, ...(households.length ? [{ householdId: { $in: households } }] : [])] });
  await refreshTargetProtection(em, targets);
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
