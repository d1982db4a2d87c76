import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { OutreachTargetUpdated } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { refreshTargetProtection, TargetProtection } from '../people/target-protection';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { targetRef } from '../shared/target-ref';
import { TargetAccess } from '../shared/target-access';
import { syncWatchPlan } from '../watch/watch-plan.sync';
import { identityOf } from './register-target.usecase';
import type { TargetView, UpdateTargetCommand } from './target.dto';
import { targetView } from './target.view';
import { assertKnownOrganizations } from '@tsunagu/registry-organization-copy';

/**
 * Edits a target's details — typically linking the person once they are known (a place-only target can be handed over
 * only then), or a new risk level, district or assignment. Needs the version the caller saw (body or If-Match).
 */
@Injectable()
export class UpdateTargetUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly protection: TargetProtection,
    private readonly access: TargetAccess,
  ) {}

  async execute(id: string, command: UpdateTargetCommand, expectedVersion: number, now = new Date()): Promise<TargetView> {
    if (command.assignedOrganizationId !== undefined) this.access.assertOwnOrganization(command.assignedOrganizationId, 'assignedOrganizationId');
    await this.protection.assertKnown(this.em, command);
    return this.em.transactional(async (em) => {
      const target = await this.access.findVisibleTarget(em, id);
      await assertKnownOrganizations(em, { assignedOrganizationId: command.assignedOrganizationId });
      assertVersion(target, expectedVersion, 'OutreachTarget');
      if (target.stage === 'closed') {
        throw new DomainException(DomainErrorCode.Conflict, 'The outreach has ended (終結): the target is no longer edited', { errors: { targetId: 'target is closed' } });
      }
      const { version: _version, ...fields } = command;
      // A caller who cannot see a protected place cannot change it either (they would overwrite blind).
      if (this.protection.masked(target)) {
        const touched = (['districtId', 'locationDescription'] as const).find((field) => fields[field] !== undefined);
        if (touched) throw DomainException.invalidField(touched, 'the place of this target is protected (DV) and cannot be changed with your role');
      }
      const next = {
        personId: fields.personId !== undefined ? fields.personId : target.personId,
        householdId: fields.householdId !== undefined ? fields.householdId : target.householdId,
        locationDescription: fields.locationDescription !== undefined ? fields.locationDescription?.trim() || null : target.locationDescription,
      };
      target.identity = identityOf(next);
      target.personId = next.personId;
      target.householdId = next.householdId;
      target.locationDescription = next.locationDescription;
      if (fields.reasonTags !== undefined) target.reasonTags = [...fields.reasonTags];
      if (fields.riskLevel !== undefined) target.riskLevel = fields.riskLevel;
      if (fields.districtId !== undefined) target.districtId = fields.districtId;
      if (fields.assignedOrganizationId !== undefined) target.assignedOrganizationId = fields.assignedOrganizationId;
      if (fields.assignedStaff !== undefined) target.assignedStaff = [...fields.assignedStaff];
      if (fields.meetingIds !== undefined) target.meetingIds = [...fields.meetingIds];
      if (fields.note !== undefined) target.note = fields.note;
      await em.flush();
      await refreshTargetProtection(em, [target]);
      await syncWatchPlan(em, target);
      this.events.record(em, OutreachTargetUpdated, target.id, {
        ...targetRef(target, now),
        identity: target.identity,
        personId: target.personId,
        householdId: target.householdId,
        discoveryRoute: target.discoveryRoute,
        reasonTags: [...target.reasonTags],
        stage: target.stage,
        meetingIds: [...target.meetingIds],
      });
      return targetView(target, this.protection.masked(target));
    });
  }
}
