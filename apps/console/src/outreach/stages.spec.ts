import { describe, expect, it } from 'vitest';
import { stageButtons, stageColour, STAGE_ORDER } from './stages';

describe('stageButtons', () => {
  it('offers only the stages the API allows, in the stages’ order', () => {
    expect(stageButtons({ stage: 'attempting', allowedStages: ['building-relationship', 'contacted'] })).toEqual(['contacted', 'building-relationship']);
  });

  it('never offers the current stage or 終結 (closing takes a reason)', () => {
    expect(stageButtons({ stage: 'contacted', allowedStages: ['contacted', 'closed', 'connected'] })).toEqual(['connected']);
  });

  it('offers nothing without allowedStages (a closed target, or an older API answer)', () => {
    expect(stageButtons({ stage: 'closed' })).toEqual([]);
    expect(stageButtons({ stage: 'stable', allowedStages: null })).toEqual([]);
  });

  it('ignores codes the console does not know', () => {
    expect(stageButtons({ stage: 'attempting', allowedStages: ['teleported', 'contacted'] })).toEqual(['contacted']);
  });
});

describe('stageColour', () => {
  it('gives every stage a colour', () => {
    expect(STAGE_ORDER.map(stageColour)).toHaveLength(STAGE_ORDER.length);
    expect(stageColour('connected')).toBe('success');
    expect(stageColour('not-contacted')).toBe('warning');
  });
});
