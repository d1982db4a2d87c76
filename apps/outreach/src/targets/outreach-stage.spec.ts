import { OUTREACH_STAGES, type OutreachStage } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import { allowedStageMoves, assertStageMove, stagesAfterContact } from './outreach-stage';

function refusal(from: OutreachStage, to: OutreachStage): DomainException | undefined {
  try {
    assertStageMove(from, to);
    return undefined;
  } catch (error) {
    return error as DomainException;
  }
}

describe('outreach stage machine', () => {
  it.each([
    ['not-contacted', 'attempting'],
    ['attempting', 'contacted'],
    ['contacted', 'building-relationship'],
    ['building-relationship', 'connected'],
    ['building-relationship', 'attempting'],
    ['connected', 'stable'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(refusal(from, to)).toBeUndefined();
  });

  it('allows closing (終結) from every stage but 終結', () => {
    for (const from of OUTREACH_STAGES.filter((stage) => stage !== 'closed')) expect(refusal(from, 'closed')).toBeUndefined();
    expect(refusal('closed', 'closed')).toBeInstanceOf(DomainException);
  });

  it.each([
    ['not-contacted', 'contacted'],
    ['attempting', 'connected'],
    ['contacted', 'attempting'],
    ['connected', 'building-relationship'],
    ['stable', 'connected'],
    ['closed', 'attempting'],
    ['building-relationship', 'not-contacted'],
  ] as const)('refuses %s → %s with an invalid-transition problem naming both stages', (from, to) => {
    const error = refusal(from, to);
    expect(error).toBeInstanceOf(DomainException);
    expect(error?.code).toBe('invalid-transition');
    expect(error?.details['transition']).toEqual({ from, to, allowed: allowedStageMoves(from) });
    expect(error?.message).toContain(from);
    expect(error?.message).toContain(to);
  });

  it('moves a first attempt to 接触試行中 and a successful one on to 接触できた, never further', () => {
    expect(stagesAfterContact('not-contacted', false)).toEqual(['attempting']);
    expect(stagesAfterContact('not-contacted', true)).toEqual(['attempting', 'contacted']);
    expect(stagesAfterContact('attempting', true)).toEqual(['contacted']);
    expect(stagesAfterContact('attempting', false)).toEqual([]);
    expect(stagesAfterContact('building-relationship', true)).toEqual([]);
  });
});
