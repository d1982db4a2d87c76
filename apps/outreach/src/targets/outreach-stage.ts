import type { OutreachStage } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';

/**
 * Relationship stages (DOMAIN §7.2): 未接触 → 接触試行中 → 接触できた → 関係構築中 → 相談・支援につながった → 安定（終結可）;
 * 関係構築中 may fall back to 接触試行中; any stage but 終結 may close (with a reason, through the close route).
 */
const NEXT: Record<OutreachStage, readonly OutreachStage[]> = {
  'not-contacted': ['attempting'],
  attempting: ['contacted'],
  contacted: ['building-relationship'],
  'building-relationship': ['connected', 'attempting'],
  connected: ['stable'],
  stable: [],
  closed: [],
};

/** Stages reachable from `from` by a stage change (closing is separate: it needs a reason). */
export function allowedStageMoves(from: OutreachStage): readonly OutreachStage[] {
  return NEXT[from];
}

export function canClose(from: OutreachStage): boolean {
  return from !== 'closed';
}

function refuse(from: OutreachStage, to: OutreachStage, allowed: readonly OutreachStage[]): never {
  throw new DomainException(DomainErrorCode.InvalidTransition, `OutreachTarget in stage ${from} cannot move to ${to}`, {
    transition: { from, to, allowed },
  });
}

/** Checks one stage change; refused ones are a 409 problem naming from and to. */
export function assertStageMove(from: OutreachStage, to: OutreachStage): void {
  if (to === 'closed') {
    if (!canClose(from)) refuse(from, to, []);
    return;
  }
  if (!NEXT[from].includes(to)) refuse(from, to, NEXT[from]);
}

/**
 * The stages a logged contact moves a target through: any attempt moves 未接触 to 接触試行中, and a successful
 * one (面談できた / 短時間会話) goes on to 接触できた. Later stages are decided by staff, never by a contact.
 */
export function stagesAfterContact(from: OutreachStage, successful: boolean): OutreachStage[] {
  const path: OutreachStage[] = [];
  let stage = from;
  if (stage === 'not-contacted') path.push((stage = 'attempting'));
  if (successful && stage === 'attempting') path.push('contacted');
  return path;
}
