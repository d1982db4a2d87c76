import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { isSuccessfulContact, OutreachContactLogged, OutreachInactivityAlertCleared } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { InactivityAlert } from '../alerts/inactivity-alert.entity';
import { alertEventData } from '../alerts/alert.view';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { targetRef } from '../shared/target-ref';
import { TargetAccess } from '../shared/target-access';
import { stagesAfterContact } from '../targets/outreach-stage';
import type { OutreachTarget } from '../targets/outreach-target.entity';
import { TargetStages } from '../targets/target-stages';
import { syncWatchPlan } from '../watch/watch-plan.sync';
import type { ContactView, LogContactCommand } from './contact.dto';
import { contactView } from './contact.view';
import { OutreachContact } from './outreach-contact.entity';

/** Clock skew tolerated between a field device and the server. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Logs one contact attempt: moves 未接触 → 接触試行中 (→ 接触できた when it succeeded), restarts the watch plan's
 * clock, and a successful contact (面談できた / 短時間会話) clears the open inactivity alert of the lapse it ends.
 */
@Injectable()
export class LogContactUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly stages: TargetStages,
    private readonly access: TargetAccess,
  ) {}

  async execute(targetId: string, command: LogContactCommand, now = new Date()): Promise<ContactView> {
    const contactedAt = contactedAtOf(command, now);
    return this.em.transactional(async (em) => {
      const target = await this.access.findVisibleTarget(em, targetId);
      assertOpen(target);
      const contact = this.build(target, command, contactedAt);
      em.persist(contact);
      await em.flush();
      const successful = isSuccessfulContact(contact.result);
      for (const stage of stagesAfterContact(target.stage, successful)) await this.stages.move(em, target, stage, now);
      this.recordLogged(em, target, contact);
      if (successful) await this.clearAlerts(em, target, contact, now);
      await syncWatchPlan(em, target);
      return contactView(contact);
    });
  }

  /**
   * The same contact on a target an import loaded with others (`visibleTarget` answers it or throws as
   * `TargetAccess.findVisibleTarget` does), left for the import's next flush: the same checks in the same order, the
   * same contact, last contact, stage moves and events. Only for a target with no watch plan and no open inactivity
   * alert (the caller checks, for a batch at once): `execute` keeps those in step.
   */
  stage(em: EntityManager, visibleTarget: () => OutreachTarget, command: LogContactCommand, now = new Date()): OutreachContact {
    const contactedAt = contactedAtOf(command, now);
    const target = visibleTarget();
    assertOpen(target);
    const contact = this.build(target, command, contactedAt);
    em.persist(contact);
    for (const stage of stagesAfterContact(target.stage, isSuccessfulContact(contact.result))) this.stages.stage(em, target, stage, now);
    this.recordLogged(em, target, contact);
    return contact;
  }

  /** The contact, and the target's last (successful) contact moved to it when it is the latest. */
  private build(target: OutreachTarget, command: LogContactCommand, contactedAt: Date): OutreachContact {
    const successful = isSuccessfulContact(command.result);
    const contact = new OutreachContact();
    contact.targetId = target.id;
    contact.contactedAt = contactedAt;
    contact.method = command.method;
    contact.result = command.result;
    contact.observations = [...(command.observations ?? [])];
    contact.observationNote = command.observationNote ?? null;
    contact.accompaniedBy = (command.accompaniedBy ?? []).map((companion) => ({ kind: companion.kind, name: companion.name ?? null }));
    contact.nextAction = command.nextAction ?? null;
    contact.nextDueOn = command.nextDueOn ?? null;
    contact.legalBasis = command.legalBasis;
    contact.recordedBy = TenantContext.principal()?.subject ?? 'system';
    if (!target.lastContactAt || contactedAt > target.lastContactAt) target.lastContactAt = contactedAt;
    if (successful && (!target.lastSuccessfulContactAt || contactedAt > target.lastSuccessfulContactAt)) target.lastSuccessfulContactAt = contactedAt;
    return contact;
  }

  private recordLogged(em: EntityManager, target: OutreachTarget, contact: OutreachContact): void {
    const successful = isSuccessfulContact(contact.result);
    this.events.record(em, OutreachContactLogged, contact.id, {
      ...targetRef(target, contact.contactedAt),
      contactId: contact.id,
      method: contact.method,
      result: contact.result,
      successful,
      observations: [...contact.observations],
      legalBasis: contact.legalBasis,
      stage: target.stage,
    });
  }

  /** A successful contact ends the lapse: open alerts whose lapse began before it are cleared (and published). */
  private async clearAlerts(em: EntityManager, target: OutreachTarget, contact: OutreachContact, now: Date): Promise<void> {
    const open = await em.find(InactivityAlert, { targetId: target.id, status: 'open', lapseStartedAt: { $lte: contact.contactedAt } });
    for (const alert of open) {
      alert.status = 'cleared';
      alert.clearedAt = now;
      alert.clearedByContactId = contact.id;
      await em.flush();
      this.events.record(em, OutreachInactivityAlertCleared, alert.id, alertEventData(alert, now, target.addressProtected));
    }
  }
}

/** When the contact happened (default: now); never in the future beyond the clock skew tolerated. */
function contactedAtOf(command: LogContactCommand, now: Date): Date {
  const contactedAt = command.contactedAt ? new Date(command.contactedAt) : now;
  if (contactedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw DomainException.invalidField('contactedAt', 'cannot be in the future');
  return contactedAt;
}

function assertOpen(target: OutreachTarget): void {
  if (target.stage === 'closed') {
    throw new DomainException(DomainErrorCode.Conflict, 'The outreach has ended (終結): contacts are no longer logged on it', { errors: { targetId: 'target is closed' } });
  }
}
