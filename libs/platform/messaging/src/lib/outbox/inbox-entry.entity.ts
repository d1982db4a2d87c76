import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * An event a consumer has processed. Inserted in the same transaction as the handler's writes, so a
 * redelivery (lost ack, publish outside the duplicate window) finds the row and is acknowledged without effect.
 */
@Entity({ tableName: 'inbox_entry' })
export class InboxEntry {
  [PrimaryKeyProp]?: ['consumer', 'messageId'];

  /** Durable consumer name (`<service>__<subject>`). */
  @PrimaryKey({ type: 'string', length: 255 })
  consumer!: string;

  /** CloudEvent id. */
  @PrimaryKey({ type: 'uuid' })
  messageId!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  processedAt?: Date;
}
