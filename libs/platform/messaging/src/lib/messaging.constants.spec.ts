import { backoffDelay, deadLetterSubject, durableName } from './messaging.constants';
import { dropOutboxNotifySql, messagingMigrationSql, outboxFillfactorSql } from './messaging-schema';

describe('messaging names and backoff', () => {
  it('names durables without characters JetStream forbids, and dead-letter subjects per consumer service', () => {
    expect(durableName('matching', 'tsunagu.evt.registry.resource.published')).toBe('matching__tsunagu_evt_registry_resource_published');
    expect(deadLetterSubject('matching', 'tsunagu.evt.registry.resource.published')).toBe('tsunagu.dlq.matching.tsunagu.evt.registry.resource.published');
  });

  it('doubles the relay backoff per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 10, 100].map((attempt) => backoffDelay(attempt, 500, 30_000))).toEqual([500, 1_000, 2_000, 4_000, 30_000, 30_000]);
  });

  it('indexes the relay\'s scans without a NOTIFY trigger, removes the old one, and refuses unsafe schema names', () => {
    const sql = messagingMigrationSql('registry').join('\n');
    expect(sql).toContain('on "registry".outbox_event (next_attempt_at, id) where published_at is null');
    expect(sql).not.toMatch(/notify|trigger/i);
    expect(dropOutboxNotifySql('registry')).toEqual(['drop trigger if exists outbox_event_notify on "registry".outbox_event;', 'drop function if exists "registry".outbox_event_notify();']);
    expect(() => messagingMigrationSql('x"; drop table y; --')).toThrow(/Invalid schema name/);
    expect(() => dropOutboxNotifySql('x"; drop table y; --')).toThrow(/Invalid schema name/);
  });

  it('leaves room on outbox pages for the relay\'s lease, in a new table and in one that exists', () => {
    expect(outboxFillfactorSql('registry')).toEqual(['alter table "registry".outbox_event set (fillfactor = 50);']);
    expect(messagingMigrationSql('registry')).toEqual(expect.arrayContaining(outboxFillfactorSql('registry')));
    expect(() => outboxFillfactorSql('x"; drop table y; --')).toThrow(/Invalid schema name/);
  });
});
