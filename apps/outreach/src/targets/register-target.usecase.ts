import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { OutreachTargetRegistered, type TargetIdentity } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import { dateInJapan, startOfJapanDay } from '@tsunagu/util-japanese-calendar';
import { refreshTargetProtection, TargetProtection } from '../people/target-protection';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { targetRef } from '../shared/target-ref';
import { TargetAccess } from '../shared/target-access';
import { OutreachTarget } from './outreach-target.entity';
import type { RegisterTargetCommand, TargetView } from './target.dto';
import { targetView } from './target.view';
import { assertKnownOrganizations } from '@tsunagu/registry-organization-copy';

export function identityOf(fields: { personId?: string | null; householdId?: string | null; locationDescription?: string | null }): TargetIdentity {
  if (fields.personId) return 'person';
  if (fields.householdId) return 'household';
  if (fields.locationDescription?.trim()) return 'location-only';
  throw DomainException.invalidField('locationDescription', 'describe the place when neither personId nor householdId is known');
}

@Injectable()
export class RegisterTargetUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly protection: TargetProtection,
    private readonly access: TargetAccess,
  ) {}

  async execute(command: RegisterTargetCommand, now = new Date()): Promise<TargetView> {
    const target = this.build(command, now);
    // Only intake's people and households of the caller's municipality (never another municipality's id, never a guess).
    await this.protection.assertKnown(this.em, command);
    return this.em.transactional(async (em) => {
      await this.checkOrganizations(em, [command]);
      em.persist(target);
      await em.flush();
      await this.stage(em, [target], now);
      return targetView(target, this.protection.masked(target));
    });
  }

  /** A new target from the command, checked by the rules that need no query (400 naming the field); nothing is written. */
  build(command: RegisterTargetCommand, now = new Date()): OutreachTarget {
    const identity = identityOf(command);
    this.access.assertOwnOrganization(command.assignedOrganizationId, 'assignedOrganizationId');
    const today = dateInJapan(now);
    const discoveredOn = command.discoveredOn ?? today;
    if (discoveredOn > today) throw DomainException.invalidField('discoveredOn', 'cannot be in the future');
    const target = new OutreachTarget();
    target.identity = identity;
    target.personId = command.personId ?? null;
    target.householdId = command.householdId ?? null;
    target.locationDescription = command.locationDescription?.trim() || null;
    target.discoveryRoute = command.discoveryRoute;
    target.discoveredOn = discoveredOn;
    target.reasonTags = [...(command.reasonTags ?? [])];
    target.riskLevel = command.riskLevel;
    target.districtId = command.districtId ?? null;
    target.assignedOrganizationId = command.assignedOrganizationId;
    target.registeredByOrganizationId = this.access.deskOf() ?? null;
    target.assignedStaff = [...(command.assignedStaff ?? [])];
    target.meetingIds = [...(command.meetingIds ?? [])];
    target.note = command.note ?? null;
    target.stageChangedAt = now;
    target.lapseOriginAt = startOfJapanDay(discoveredOn);
    return target;
  }

  /** The organisations the commands assign, one query for any number of them (an import's batch). */
  async checkOrganizations(em: EntityManager, commands: readonly RegisterTargetCommand[]): Promise<void> {
    await assertKnownOrganizations(em, { assignedOrganizationId: commands.map((command) => command.assignedOrganizationId) });
  }

  /**
   * After the targets' insert (persisted and flushed by the caller): their address protection from intake's people
   * (one query and flush for all), then each one's `outreach.target.registered`, left for the caller's next flush.
   */
  async stage(em: EntityManager, targets: readonly OutreachTarget[], now = new Date()): Promise<void> {
    await refreshTargetProtection(em, targets);
    for (const target of targets) {
      this.events.record(em, OutreachTargetRegistered, target.id, {
        ...targetRef(target, now),
        identity: target.identity,
        personId: target.personId,
        householdId: target.householdId,
        discoveryRoute: target.discoveryRoute,
        reasonTags: [...target.reasonTags],
        stage: target.stage,
        meetingIds: [...target.meetingIds],
      });
    }
  }
}
