import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { NeedDistrictWithheld } from '@tsunagu/contracts';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { MenuGap } from '../gaps/menu-gap.entity';
import type { MatchingConfig } from '../config';
import { Match } from '../matches/match.entity';
import { ParticipationNeed } from '../needs/participation-need.entity';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { PersonCopy } from './person-copy.entity';

/**
 * Marks the needs of the given people as protected or not, from the copy of intake's protections, and keeps their
 * matches' copy of the home district (it goes into match events) empty while the person is protected. With `events`
 * (a protection arriving for needs already published), each need that becomes protected publishes
 * need.district-withheld so the copies elsewhere (reporting's need and menu gaps) drop the district too.
 */
export async function refreshNeedProtection(em: EntityManager, personIds: readonly string[], events?: EventRecorder): Promise<void> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return;
  const protectedPeople = new Set((await em.find(PersonCopy, { personId: { $in: unique }, isProtected: true })).map((person) => person.personId));
  const needs = await em.find(ParticipationNeed, { personId: { $in: unique } });
  const newlyProtected = needs.filter((need) => !need.addressProtected && protectedPeople.has(need.personId));
  for (const need of needs) need.addressProtected = protectedPeople.has(need.personId);
  const byId = new Map(needs.map((need) => [need.id, need]));
  if (needs.length > 0) {
    for (const match of await em.find(Match, { needId: { $in: [...byId.keys()] } })) match.homeDistrictId = homeDistrictForEvents(byId.get(match.needId) as ParticipationNeed);
    // Menu gaps recorded before the protection arrived carry the home district: withhold it there too.
    const protectedNeeds = needs.filter((need) => need.addressProtected).map((need) => need.id);
    if (protectedNeeds.length > 0) for (const gap of await em.find(MenuGap, { needId: { $in: protectedNeeds }, districtId: { $ne: null } })) gap.districtId = null;
  }
  await em.flush();
  if (events) for (const need of newlyProtected) events.record(em, NeedDistrictWithheld, need.id, { needId: need.id, occurredOn: todayInJapan() });
}

/** The home district as it may leave matching (events, menu gaps): none while the person is protected. */
export function homeDistrictForEvents(need: Pick<ParticipationNeed, 'addressProtected' | 'homeDistrictId'>): string | null {
  return need.addressProtected ? null : need.homeDistrictId;
}

/**
 * Who may see the districts of a protected person's need (MATCHING_DV_ADDRESS_ROLES, like intake's
 * INTAKE_DV_ADDRESS_ROLES), and the check that a person id is one of intake's for the caller's municipality.
 */
@Injectable()
export class NeedProtection {
  private readonly roles: ReadonlySet<string>;
  private readonly waitMs: number;

  constructor(@InjectConfig() config: MatchingConfig) {
    this.roles = new Set(config.MATCHING_DV_ADDRESS_ROLES.split(',').map((role) => role.trim()).filter(Boolean));
    this.waitMs = config.MATCHING_PERSON_WAIT_MS;
  }

  canSeeProtected(): boolean {
    const principal = TenantContext.principal();
    return principal === undefined || principal.roles.some((role) => this.roles.has(role));
  }

  masked(need: Pick<ParticipationNeed, 'addressProtected'>): boolean {
    return need.addressProtected && !this.canSeeProtected();
  }

  /**
   * The person must be one intake registered in the caller's municipality (its events, copied here). One registered a
   * moment ago may not have arrived yet: wait up to MATCHING_PERSON_WAIT_MS, then 400 naming the field.
   */
  async assertKnownPerson(em: EntityManager, personId: string, field = 'personId'): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      if ((await em.fork().count(PersonCopy, { personId })) > 0) return;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(deadline - Date.now(), 1))));
    }
    throw DomainException.invalidField(field, 'no person with this id is registered in intake for your municipality');
  }
}
