import { Counter, Gauge, register } from 'prom-client';

type Source = () => Promise<void>;

function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (register.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames });
}

const refreshers = new Set<Source>();

function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  return (
    (register.getSingleMetric(name) as Gauge<L> | undefined) ??
    new Gauge({
      name,
      help,
      labelNames,
      // Values are read from PostgreSQL and JetStream when Prometheus scrapes, not on a timer.
      async collect() {
        await Promise.all([...refreshers].map((refresh) => refresh().catch(() => undefined)));
      },
    })
  );
}

let metrics: ReturnType<typeof create> | undefined;

function create() {
  return {
    outboxLag: gauge('tsunagu_outbox_lag_seconds', 'Age of the oldest event not yet published to JetStream (0 when none)', ['schema']),
    outboxPublished: counter('tsunagu_outbox_published_total', 'Events the outbox relay published (PubAck received)', ['subject']),
    outboxPublishFailures: counter('tsunagu_outbox_publish_failures_total', 'Failed publish attempts of the outbox relay (retried)', ['subject']),
    consumerPending: gauge('tsunagu_consumer_pending_messages', 'Messages in the stream not yet delivered to a durable consumer', ['consumer', 'subject']),
    consumerLeader: gauge('tsunagu_consumer_leader', 'Whether this replica leads the durable consumer (1) or stands by (0): one replica handles each source\'s events (ADR 0024)', ['consumer']),
    messagesProcessed: counter('tsunagu_messages_processed_total', 'Events handled by a consumer, by outcome', ['consumer', 'subject', 'outcome']),
    deadLettered: counter(
      'tsunagu_messages_dead_lettered_total',
      'Events a consumer gave up on and moved to the dead-letter stream, by reason (permanent, contract-violation: fix the data; max-deliveries: fix a dependency; source-mismatch: published in another service\'s name)',
      ['consumer', 'subject', 'reason'],
    ),
  };
}

/** Messaging metrics on prom-client's default registry (what `/metrics` serves), created once per process. */
export function messagingMetrics(): ReturnType<typeof create> {
  metrics ??= create();
  return metrics;
}

/** Registers a refresher run on every scrape (outbox lag, consumer pending); returns the unregister function. */
export function onMetricsScrape(refresh: Source): () => void {
  messagingMetrics();
  refreshers.add(refresh);
  return () => refreshers.delete(refresh);
}
