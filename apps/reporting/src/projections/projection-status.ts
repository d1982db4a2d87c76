import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConfig } from '@tsunagu/platform-config';
import { ReadinessRegistry } from '@tsunagu/platform-service';
import { eventSubjectOwner } from '@tsunagu/contracts';
import { NATS_CONNECTION, sourceDurableName, sourceFilter } from '@tsunagu/platform-messaging';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ReportingConfig } from '../config';
import { PROJECTED_EVENTS } from './projector';

export interface ConsumerLag {
  /** The durable of one source service (`reporting__from__<source>`). */
  consumer: string;
  /** Its filter: every event of that source (`tsunagu.evt.<source>.>`). */
  subject: string;
  /** Events in the stream not yet delivered to the consumer. */
  pending: number;
  /** Delivered but not yet acknowledged (being processed or awaiting redelivery). */
  unacknowledged: number;
}

export interface ProjectionStatus {
  lag: number;
  maxLag: number;
  consumers: ConsumerLag[];
}

/**
 * How far the projections trail the stream. Prometheus gets the same figure per consumer from the transport
 * (`tsunagu_consumer_pending_messages`); readiness fails — with the figure in the check's error — when the
 * total exceeds REPORTING_READY_MAX_LAG, because reports would then be stale.
 */
@Injectable()
export class ProjectionStatusService implements OnApplicationBootstrap {
  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @InjectConfig() private readonly config: ReportingConfig,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.readiness.register('projections', async () => {
      const status = await this.status();
      if (status.lag > status.maxLag) throw new Error(`projection lag ${status.lag} events exceeds ${status.maxLag}`);
    });
  }

  async status(): Promise<ProjectionStatus> {
    const jsm = await jetstreamManager(this.connection);
    // One durable per source service (ADR 0016): every service whose events are projected.
    const sources = [...new Set(PROJECTED_EVENTS.map((contract) => eventSubjectOwner(contract.subject) as string))].sort();
    const consumers = await Promise.all(
      sources.map(async (source): Promise<ConsumerLag> => {
        const consumer = sourceDurableName('reporting', source);
        const subject = sourceFilter(source);
        try {
          const info = await jsm.consumers.info(this.config.NATS_STREAM, consumer);
          return { consumer, subject, pending: info.num_pending, unacknowledged: info.num_ack_pending };
        } catch {
          // Not created yet: the consumer side has not started on this replica set; nothing to report.
          return { consumer, subject, pending: 0, unacknowledged: 0 };
        }
      }),
    );
    const lag = consumers.reduce((sum, consumer) => sum + consumer.pending + consumer.unacknowledged, 0);
    return { lag, maxLag: this.config.REPORTING_READY_MAX_LAG, consumers };
  }
}
