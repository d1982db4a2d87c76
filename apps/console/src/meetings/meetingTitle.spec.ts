import { describe, expect, it } from 'vitest';
import { meetingTitle } from './meetingTitle';

describe('meetingTitle', () => {
  it('names the meeting and its day in Japan in 和暦', () => {
    expect(meetingTitle({ legalTypeLabel: '重層的支援会議', heldAt: '2025-07-15T05:00:00.000Z' })).toBe('重層的支援会議 令和7年7月15日');
    expect(meetingTitle({ localName: 'まるごと会議', legalTypeLabel: '支援会議', heldAt: '2026-03-31T15:30:00Z' })).toBe('まるごと会議 令和8年4月1日');
  });

  it('leaves the day out when there is none', () => {
    expect(meetingTitle({ legalTypeLabel: '支援会議' })).toBe('支援会議');
  });
});
