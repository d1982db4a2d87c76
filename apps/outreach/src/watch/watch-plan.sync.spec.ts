import { OutreachTarget } from '../targets/outreach-target.entity';
import { nextDueOf, staffSubjectsOf } from './watch-plan.sync';

describe('watch plan', () => {
  const plan = { startedOn: '2026-01-10', cadenceDays: 14 };

  it('is due a cadence after the later of its start and the last contact (Japan date)', () => {
    expect(nextDueOf(plan, null)).toBe('2026-01-24');
    expect(nextDueOf(plan, new Date('2026-01-05T01:00:00Z'))).toBe('2026-01-24');
    // 2026-01-20T16:00Z is already 2026-01-21 in Japan.
    expect(nextDueOf(plan, new Date('2026-01-20T16:00:00Z'))).toBe('2026-02-04');
  });

  it('counts staff watchers and the target’s assigned staff once each as "mine"', () => {
    const target = new OutreachTarget();
    target.assignedStaff = ['outreach', 'kagawa'];
    const watchers = [
      { kind: 'staff' as const, subject: 'kagawa', name: null },
      { kind: 'welfare-commissioner' as const, subject: null, name: '民生 太郎' },
      { kind: 'staff' as const, subject: 'megi', name: null },
    ];
    expect(staffSubjectsOf(watchers, target).sort()).toEqual(['kagawa', 'megi', 'outreach']);
  });
});
