import { inboxRetentionMs } from './inbox-retention';

const HOUR = 3_600_000;

describe('inboxRetentionMs', () => {
  it('outlives the longest way an event can come back, by a day', () => {
    expect(inboxRetentionMs({ streamMaxAgeMs: 0, outboxRetentionMs: 168 * HOUR, redeliveryHorizonMs: HOUR })).toBe(192 * HOUR);
    expect(inboxRetentionMs({ streamMaxAgeMs: 30 * 24 * HOUR, outboxRetentionMs: 168 * HOUR, redeliveryHorizonMs: HOUR })).toBe(31 * 24 * HOUR);
    expect(inboxRetentionMs({ streamMaxAgeMs: 0, outboxRetentionMs: HOUR, redeliveryHorizonMs: 3 * HOUR })).toBe(27 * HOUR);
  });
});
