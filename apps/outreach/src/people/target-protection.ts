import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import type { OutreachConfig } from '../config';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { HouseholdMirror, PersonMirror } from './intake-people.entity';

/**
 * Marks targets whose person, or a member of whose household, is under a protection in intake (the mirror). Called
 * when a target names a person or household and when a protection event arrives. Returns the targets whose flag changed.
 */
export async function refreshTargetProtection(em: EntityManager, targets: readonly OutreachTarget[]): Promise<OutreachTarget[]> {
  if (targets.length === 0) return [];
  const personIds = targets.flatMap((target) => (target.personId ? [target.personId] : []));
  const householdIds = targets.flatMap((target) => (target.householdId ? [target.householdId] : []));
  const or = [...(personIds.length ? [{ personId: { $in: personIds } }] : []), ...(householdIds.length ? [{ householdIds: { $overlap: householdIds } }] : [])];
  const protectedPeople = or.length ? await em.find(PersonMirror, { isProtected: true, $or: or }) : [];
  const people = new Set(protectedPeople.map((person) => person.personId));
  const households = new Set(protectedPeople.flatMap((person) => person.householdIds));
  const changed = targets.filter((target) => {
    const protectedNow = (target.personId !== null && people.has(target.personId)) || (target.householdId !== null && households.has(target.householdId));
    if (protectedNow === target.addressProtected) return false;
    target.addressProtected = protectedNow;
    return true;
  });
  await em.flush();
  return changed;
}

/**
 * Who may see where a protected target is (OUTREACH_DV_ADDRESS_ROLES, like intake's INTAKE_DV_ADDRESS_ROLES), and the
 * check that a person or household id is one of intake's for the caller's municipality.
 */
@Injectable()
export class TargetProtection {
  private readonly roles: ReadonlySet<string>;
  private readonly waitMs: number;

  constructor(@InjectConfig() config: OutreachConfig) {
    this.roles = new Set(config.OUTREACH_DV_ADDRESS_ROLES.split(',').map((role) => role.trim()).filter(Boolean));
    this.waitMs = config.OUTREACH_PERSON_WAIT_MS;
  }

  /** Whether the caller may see the district and place of protected targets. */
  canSeeProtected(): boolean {
    const principal = TenantContext.principal();
    return principal === undefined || principal.roles.some((role) => this.roles.has(role));
  }

  /** Whether this target's place is masked for the caller. */
  masked(target: Pick<OutreachTarget, 'addressProtected'>): boolean {
    return target.addressProtected && !this.canSeeProtected();
  }

  /** Ids of the protected targets (few), to mask rows of other tables that copy a target's district. */
  async protectedTargetIds(em: EntityManager): Promise<Set<string>> {
    return new Set((await em.find(OutreachTarget, { addressProtected: true }, { fields: ['id'] })).map((target) => target.id));
  }

  /**
   * A person or household id must be one intake registered in the caller's municipality (its events, mirrored here).
   * One registered a moment ago may not have arrived yet: wait up to OUTREACH_PERSON_WAIT_MS, then 400 naming the field.
   */
  async assertKnown(em: EntityManager, ids: { personId?: string | null; householdId?: string | null }): Promise<void> {
    if (ids.personId) await this.assertMirrored(em, PersonMirror, { personId: ids.personId }, 'personId', 'person');
    if (ids.householdId) await this.assertMirrored(em, HouseholdMirror, { householdId: ids.householdId }, 'householdId', 'household');
  }

  private async assertMirrored(em: EntityManager, entity: typeof PersonMirror | typeof HouseholdMirror, where: object, field: string, what: string): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      if ((await em.fork().count(entity, where)) > 0) return;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(deadline - Date.now(), 1))));
    }
    throw DomainException.invalidField(field, `no ${what} with this id is registered in intake for your municipality`);
  }
}
