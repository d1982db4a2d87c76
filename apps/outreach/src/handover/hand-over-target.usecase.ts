import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { OutreachTargetHandedOver } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { v7 as uuidv7 } from 'uuid';
import { coveringConsent } from '../consents/consent-coverage';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { targetRef } from '../shared/target-ref';
import { TargetAccess } from '../shared/target-access';
import { TargetStages } from '../targets/target-stages';
import { Handover } from './handover.entity';
import type { HandOverCommand, HandoverView } from './handover.dto';
import { assertKnownOrganizations } from '@tsunagu/registry-organization-copy';

/** Stages a target can be handed over from: a relationship exists. */
const HANDOVER_STAGES = ['building-relationship', 'connected', 'stable'];

export function handoverView(handover: Handover): HandoverView {
  return {
    id: handover.id,
    targetId: handover.targetId,
    to: handover.destination,
    toOrganizationId: handover.toOrganizationId,
    personId: handover.personId,
    householdId: handover.householdId,
    consentId: handover.consentId,
    recordId: handover.recordId,
    status: handover.status,
    requestedAt: handover.requestedAt.toISOString(),
    requestedBy: handover.requestedBy,
    linkedAt: handover.linkedAt?.toISOString() ?? null,
    note: handover.note,
  };
}

function refuse(message: string, field: string, reason: string): never {
  throw new DomainException(DomainErrorCode.Conflict, message, { errors: { [field]: reason } });
}

/**
 * 引継ぎ: with the person's consent (as intake's consent events told us), hands the target over to intake by event —
 * ids and codes only. 関係構築中 moves on to 相談・支援につながった; the target keeps that stage and its accompaniment (伴走)
 * continues until it is closed.
 */
@Injectable()
export class HandOverTargetUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly stages: TargetStages,
    private readonly access: TargetAccess,
  ) {}

  async execute(targetId: string, command: HandOverCommand, now = new Date()): Promise<HandoverView> {
    return this.em.transactional(async (em) => {
      const target = await this.access.findVisibleTarget(em, targetId);
      await assertKnownOrganizations(em, { toOrganizationId: command.toOrganizationId });
      if (!target.personId) refuse('The target is not a known person yet: register the person in intake and link them before handing over', 'personId', 'no known person');
      if (!HANDOVER_STAGES.includes(target.stage)) {
        throw new DomainException(DomainErrorCode.InvalidTransition, `OutreachTarget in stage ${target.stage} cannot be handed over`, {
          transition: { from: target.stage, to: 'hand-over', allowed: HANDOVER_STAGES },
        });
      }
      if (command.to === 'case' && !target.householdId) refuse('A 多機関協働 case needs the household: link the target to its intake household first', 'householdId', 'no household');
      const consent = await coveringConsent(em, target.personId, command.to, command.toOrganizationId);
      if (!consent) {
        refuse(
          command.to === 'case'
            ? 'The person has no consent in force for 重層的支援会議での共有: a case cannot be opened for them yet'
            : 'The person has no consent in force that covers sharing with this organisation (関係機関との情報共有 / 特定機関への提供)',
          'consent',
          'no covering consent',
        );
      }
      const open = await em.findOne(Handover, { targetId: target.id, destination: command.to, toOrganizationId: command.toOrganizationId });
      if (open) refuse('The target was already handed over there', 'to', 'already handed over');
      if (target.stage === 'building-relationship') await this.stages.move(em, target, 'connected', now);
      const handover = new Handover();
      handover.targetId = target.id;
      handover.destination = command.to;
      handover.toOrganizationId = command.toOrganizationId;
      handover.personId = target.personId;
      handover.householdId = target.householdId;
      handover.consentId = consent.consentId;
      handover.recordId = uuidv7();
      handover.requestedAt = now;
      handover.requestedBy = TenantContext.principal()?.subject ?? 'system';
      handover.note = command.note ?? null;
      em.persist(handover);
      await em.flush();
      this.events.record(em, OutreachTargetHandedOver, target.id, {
        ...targetRef(target, now),
        handoverId: handover.id,
        to: handover.destination,
        personId: handover.personId,
        householdId: handover.householdId,
        toOrganizationId: handover.toOrganizationId,
        recordId: handover.recordId,
        reasonTags: [...target.reasonTags],
      });
      return handoverView(handover);
    });
  }
}

@Injectable()
export class ListHandoversUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly access: TargetAccess,
  ) {}

  async execute(targetId: string): Promise<HandoverView[]> {
    await this.access.findVisibleTarget(this.em, targetId);
    const handovers = await this.em.find(Handover, { targetId }, { orderBy: { requestedAt: 'asc', id: 'asc' } });
    return handovers.map(handoverView);
  }
}
