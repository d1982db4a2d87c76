import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { InjectConfig, type PlatformConfig } from '@tsunagu/platform-config';
import { ReadinessRegistry } from '@tsunagu/platform-service';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CONNECTION } from './messaging.constants';
import { ensureEventStreams } from './jetstream/event-streams';
import { OutboxRelay } from './outbox/outbox-relay';
import { describeError } from '@tsunagu/platform-observability';

/**
 * Start and stop order of the messaging pieces. Nest destroys modules before it closes microservices, so
 * the relay stops in onModuleDestroy but the shared NATS connection is drained only in onApplicationShutdown,
 * after JetStreamServer has finished its in-flight handlers.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @InjectConfig() private readonly config: PlatformConfig & { NATS_DUPLICATE_WINDOW_MS: number },
    @Optional() @Inject(OutboxRelay) private readonly relay: OutboxRelay | null,
    @Optional() private readonly readiness?: ReadinessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Reported, not critical: writes go through the outbox and wait out a broker outage; consumers reconnect.
    this.readiness?.register(
      'nats',
      async () => {
        if (this.connection.isClosed()) throw new Error('NATS connection closed');
        await this.connection.flush();
      },
      { critical: false },
    );
    await ensureEventStreams(await jetstreamManager(this.connection), {
      stream: this.config.NATS_STREAM,
      replicas: this.config.NATS_STREAM_REPLICAS,
      duplicateWindowMs: this.config.NATS_DUPLICATE_WINDOW_MS,
    });
    await this.relay?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection.isClosed()) return;
    await this.connection.drain().catch((error: Error) => this.logger.warn(`NATS drain: ${describeError(error)}`));
  }
}
