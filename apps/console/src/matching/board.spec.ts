import { describe, expect, it } from 'vitest';
import { boardColumns, lifecycleButtons, needStatusButtons, orderedReasons, reasonsAddUp, reasonText } from './board';

describe('boardColumns', () => {
  it('puts every match in its column, 中断 and 終了 together, keeping the API order', () => {
    const matches = [
      { id: 'a', status: 'ended' },
      { id: 'b', status: 'proposed' },
      { id: 'c', status: 'interrupted' },
      { id: 'd', status: 'participating' },
      { id: 'e', status: 'proposed' },
    ];
    const columns = boardColumns(matches);
    expect(columns.map((column) => column.key)).toEqual(['proposed', 'visit', 'trial', 'participating', 'settled', 'closed']);
    expect(columns[0].items.map((match) => match.id)).toEqual(['b', 'e']);
    expect(columns[3].items.map((match) => match.id)).toEqual(['d']);
    expect(columns[5].items.map((match) => match.id)).toEqual(['a', 'c']);
  });

  it('leaves out statuses it does not know', () => {
    expect(boardColumns([{ status: 'unknown' }]).flatMap((column) => column.items)).toEqual([]);
  });
});

describe('lifecycleButtons', () => {
  it('offers the forward steps the API allows in lifecycle order, then the endings', () => {
    expect(lifecycleButtons({ allowedStatuses: ['ended', 'participating', 'visit', 'interrupted', 'trial', 'settled'] })).toEqual({
      forward: ['visit', 'trial', 'participating', 'settled'],
      ending: ['interrupted', 'ended'],
    });
  });

  it('offers nothing for a finished match', () => {
    expect(lifecycleButtons({ allowedStatuses: [] })).toEqual({ forward: [], ending: [] });
    expect(lifecycleButtons({})).toEqual({ forward: [], ending: [] });
  });
});

describe('reasons', () => {
  const reasons = [
    { factor: 'purpose', points: 30, text: '目的: 役割・ボランティア' },
    { factor: 'interest', points: 0, text: '関心との一致なし' },
    { factor: 'schedule', points: 15, text: '火曜午前に参加可能' },
    { factor: 'proximity', points: 15, text: '自宅の地区内' },
  ];

  it('reads a reason with its points', () => {
    expect(reasonText(reasons[2])).toBe('火曜午前に参加可能（15点）');
  });

  it('orders by points, ties in the engine’s factor order, zero-point reasons last', () => {
    expect(orderedReasons(reasons).map((reason) => reason.factor)).toEqual(['purpose', 'schedule', 'proximity', 'interest']);
  });

  it('checks that the points add up to the score', () => {
    expect(reasonsAddUp(60, reasons)).toBe(true);
    expect(reasonsAddUp(61, reasons)).toBe(false);
  });
});

describe('needStatusButtons', () => {
  it('offers the moves the server allows, in the status machine order, and none without them', () => {
    expect(needStatusButtons({ status: 'hearing', allowedStatuses: ['ended', 'matching'] })).toEqual(['matching', 'ended']);
    expect(needStatusButtons({ status: 'ended', allowedStatuses: [] })).toEqual([]);
    expect(needStatusButtons({ status: 'paused' })).toEqual([]);
  });
});
