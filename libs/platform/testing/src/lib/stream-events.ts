import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/** One message of the JetStream event stream, as a service published it. */
export interface StreamEvent {
  subject: string;
  /** The message exactly as it travelled (CloudEvent JSON). */
  json: string;
  event: { type: string; subject: string; municipality: string; data: Record<string, unknown> };
}

/**
 * Every event on the stream so far, in order. A sequence number with no message fails the read unless `skipMissing`
 * (for tests whose stream may have had messages removed).
 */
export async function streamEvents(connection: NatsConnection, { stream = 'TSUNAGU_EVENTS', skipMissing = false } = {}): Promise<StreamEvent[]> {
  const jsm = await jetstreamManager(connection);
  const { state } = await jsm.streams.info(stream);
  const events: StreamEvent[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq += 1) {
    // The @nats-io client answers a missing sequence with null (the legacy client threw).
    const message = await jsm.streams.getMessage(stream, { seq }).catch((error: unknown) => (skipMissing ? null : Promise.reject(error)));
    if (!message) {
      if (skipMissing) continue;
      throw new Error(`${stream}: no message at sequence ${seq}`);
    }
    const json = new TextDecoder().decode(message.data);
    events.push({ subject: message.subject, json, event: JSON.parse(json) });
  }
  return events;
}
