import { JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { DEAD_LETTER_PREFIX, DEAD_LETTER_STREAM, EVENT_STREAM, EVENT_SUBJECTS } from '../messaging.constants';

export interface EventStreamSettings {
  /** Name of the event stream (NATS_STREAM). */
  stream?: string;
  /** 3 in production clusters (NATS_STREAM_REPLICAS). */
  replicas: number;
  /** Must exceed the outbox relay's retry horizon (NATS_DUPLICATE_WINDOW_MS). */
  duplicateWindowMs: number;
}

function isMissing(error: unknown): boolean {
  return (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) || /stream not found/i.test(String((error as Error)?.message));
}

async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    const info = await jsm.streams.info(config.name);
    const current = info.config;
    const differs = (Object.keys(config) as (keyof StreamConfig)[]).some((key) => JSON.stringify(current[key]) !== JSON.stringify(config[key]));
    if (differs) await jsm.streams.update(config.name, config);
  } catch (error) {
    if (!isMissing(error)) throw error;
    await jsm.streams.add(config);
  }
}

/**
 * Creates or updates the event stream and the dead-letter stream. File storage; replicas from configuration.
 * `sync_interval: always` is a server setting (RELIABILITY §1.4) and belongs to the NATS deployment, not here.
 * Idempotent: every replica of every service calls it on start.
 */
export async function ensureEventStreams(jsm: JetStreamManager, settings: EventStreamSettings): Promise<void> {
  await ensureStream(jsm, {
    name: settings.stream ?? EVENT_STREAM,
    subjects: [EVENT_SUBJECTS],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: settings.replicas,
    duplicate_window: nanos(settings.duplicateWindowMs),
  });
  await ensureStream(jsm, {
    name: DEAD_LETTER_STREAM,
    subjects: [`${DEAD_LETTER_PREFIX}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: settings.replicas,
    duplicate_window: nanos(settings.duplicateWindowMs),
    // Dead letters are evidence: they leave only by an operator purging the stream after handling them.
    deny_delete: true,
  });
}
