import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { OutreachStageChanged, OutreachTargetClosed, type OutreachCloseReason, type OutreachStage } from '@tsunagu/contracts';
import { dateInJapan } from '@tsunagu/util-japanese-calendar';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { targetRef } from '../shared/target-ref';
import { assertStageMove } from './outreach-stage';
import type { OutreachTarget } from './outreach-target.entity';

/** Moves a target along the stage machine and publishes what happened; every stage change goes through here. */
@Injectable()
export class TargetStages {
  constructor(private readonly events: EventRecorder) {}

  async move(em: EntityManager, target: OutreachTarget, to: OutreachStage, at = new Date()): Promise<void> {
    const publish = this.changed(target, to, at);
    await em.flush();
    publish(em);
  }

  /** The same move left for the caller's next flush (an import writes a batch of targets in one). */
  stage(em: EntityManager, target: OutreachTarget, to: OutreachStage, at = new Date()): void {
    this.changed(target, to, at)(em);
  }

  /** Moves the target in memory; returns the recording of its event. */
  private changed(target: OutreachTarget, to: OutreachStage, at: Date): (em: EntityManager) => void {
    const from = target.stage;
    assertStageMove(from, to);
    if (to === 'closed') throw new Error('closing needs a reason: use close()');
    const newlyConnected = to === 'connected' && target.firstConnectedOn === null;
    target.stage = to;
    target.stageChangedAt = at;
    if (newlyConnected) target.firstConnectedOn = dateInJapan(at);
    return (em) => this.events.record(em, OutreachStageChanged, target.id, { ...targetRef(target, at), fromStage: from, toStage: to, newlyConnected });
  }

  async close(em: EntityManager, target: OutreachTarget, reason: OutreachCloseReason, note: string | undefined, at = new Date()): Promise<void> {
    const from = target.stage;
    assertStageMove(from, 'closed');
    target.stage = 'closed';
    target.stageChangedAt = at;
    target.closeReason = reason;
    target.closedOn = dateInJapan(at);
    if (note) target.note = target.note ? `${target.note}\n${note}` : note;
    await em.flush();
    this.events.record(em, OutreachTargetClosed, target.id, { ...targetRef(target, at), fromStage: from, closeReason: reason });
  }
}
