import type { MikroORM } from '@mikro-orm/core';

const DAY_MS = 86_400_000;

export interface InboxRetentionInputs {
  /** max_age of the event stream; 0 = kept until deleted (limits retention without an age). */
  streamMaxAgeMs: number;
  /** How long producers keep published outbox rows and may re-publish them (OUTBOX_RETENTION_HOURS). */
  outboxRetentionMs: number;
  /** Longest a delivered message can come back to the durable: every backoff delay and every ack_wait. */
  redeliveryHorizonMs: number;
}

/**
 * How long an inbox row must outlive the processing of its event: as long as the event can reach the consumer
 * again —
 * - redelivery by the durable (lost ack, crash before ack): the redelivery horizon;
 * - a producer re-publishing from its outbox after a broker loss: the outbox retention;
 * - the stream itself, if it ages events out (max_age): a message younger than that can be replayed.
 * Plus a day, so a purge is never the reason for a duplicate. A stream without max_age keeps events for good;
 * replay of those by a recreated durable is bounded by JetStreamServer instead: a lost durable of a consumer
 * with inbox rows is recreated from `now - retention`, never from the start of the stream.
 */
export function inboxRetentionMs(inputs: InboxRetentionInputs): number {
  return Math.max(inputs.streamMaxAgeMs, inputs.outboxRetentionMs, inputs.redeliveryHorizonMs) + DAY_MS;
}

/** Rows deleted per statement, so a first purge of a long-grown inbox holds no lock for long. */
const PURGE_BATCH = 10_000;

/** Deletes inbox rows processed more than `retentionMs` ago, in batches; returns how many. */
export async function purgeInbox(orm: MikroORM, retentionMs: number): Promise<number> {
  const inbox = `"${String(orm.config.get('schema') ?? 'public')}".inbox_entry`;
  const connection = orm.em.getConnection();
  let purged = 0;
  for (;;) {
    const result = await connection.execute(
      `delete from ${inbox} where ctid = any(array(select ctid from ${inbox} where processed_at < now() - ? * interval '1 millisecond' limit ${PURGE_BATCH}))`,
      [retentionMs],
      'run',
    );
    purged += result.affectedRows;
    if (result.affectedRows < PURGE_BATCH) return purged;
  }
}

/** Whether the consumer processed anything before (its inbox has a row), i.e. a missing durable was lost. */
export async function inboxHasEntries(orm: MikroORM, consumer: string): Promise<boolean> {
  const inbox = `"${String(orm.config.get('schema') ?? 'public')}".inbox_entry`;
  const rows = await orm.em.getConnection().execute(`select 1 from ${inbox} where consumer = ? limit 1`, [consumer]);
  return rows.length > 0;
}
