import { describe, expect, it } from 'vitest';
import { isoDateTime } from '../shared/forms';
import { withGoalIds } from '../plans/PlanInputs';
import { listLink, WORK_LISTS } from './WorkPage';

describe('my work lists', () => {
  it('links each card to the react-admin list with the same filter and order', () => {
    const overdue = WORK_LISTS.find((list) => list.key === 'overdue_referrals');
    expect(overdue && listLink(overdue)).toBe(`#/referrals?filter=${encodeURIComponent('{"overdue":true}')}&sort=followUpDue&order=ASC`);
    expect(WORK_LISTS.find((list) => list.key === 'my_cases')?.filter).toEqual({ mine: true });
    expect(WORK_LISTS.find((list) => list.key === 'awaiting_answer')?.filter).toEqual({ status: 'requested' });
    // The desk's inbox: requests addressed to the caller's own desk, still to answer.
    const incoming = WORK_LISTS.find((list) => list.key === 'incoming_referrals');
    expect(incoming?.filter).toEqual({ incoming: true, status: 'requested' });
    expect(incoming && listLink(incoming)).toBe(`#/referrals?filter=${encodeURIComponent('{"incoming":true,"status":"requested"}')}&sort=referredOn&order=ASC`);
  });
});

describe('form helpers', () => {
  it('numbers goals the user left without an id (g1, g2…) and keeps given ones', () => {
    expect(withGoalIds({ caseId: 'c1', goals: [{ text: 'a' }, { id: 'long-1', text: 'b' }, { id: '', text: 'c' }] })).toEqual({
      caseId: 'c1',
      goals: [
        { id: 'g1', text: 'a' },
        { id: 'long-1', text: 'b' },
        { id: 'g3', text: 'c' },
      ],
    });
    expect(withGoalIds({ caseId: 'c1' })).toEqual({ caseId: 'c1', goals: [] });
  });

  it('sends date-times as ISO strings with a zone', () => {
    expect(isoDateTime(new Date('2025-06-10T02:00:00Z'))).toBe('2025-06-10T02:00:00.000Z');
    expect(isoDateTime('2025-06-10T11:00:00+09:00')).toBe('2025-06-10T11:00:00+09:00');
    expect(isoDateTime('2025-06-10T02:00:00Z')).toBe('2025-06-10T02:00:00Z');
    // A datetime-local value (no zone) is the browser's local time.
    expect(new Date(String(isoDateTime('2025-06-10T11:00'))).getTime()).toBe(new Date('2025-06-10T11:00').getTime());
    expect(String(isoDateTime('2025-06-10T11:00'))).toMatch(/Z$/);
    expect(isoDateTime(undefined)).toBeUndefined();
  });
});
