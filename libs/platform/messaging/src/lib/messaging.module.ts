import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import type { EventContract, RpcContract } from '@tsunagu/contracts';
import { TSUNAGU_CONFIG, type PlatformConfig } from '@tsunagu/platform-config';
import type { NatsConnection } from '@nats-io/transport-node';
import { PersonPseudonyms } from '@tsunagu/util-pseudonym';
import { ContractRegistry } from './contract-registry';
import { MESSAGING_OPTIONS, NATS_CONNECTION, RPC_CLIENT_PROXY, RPC_CLIENT_SETTINGS } from './messaging.constants';
import { MessagingLifecycle } from './messaging.lifecycle';
import { connectNats, natsConnectionOptions, natsRpcInboxPrefix, natsSettings } from './nats-connection';
import { OutboxRelay } from './outbox/outbox-relay';
import { EventRecorder } from './outbox/event-recorder';
import { RpcClient, type RpcClientSettings } from './rpc/rpc-client';

type MessagingConfig = PlatformConfig;

export interface MessagingModuleOptions {
  /** Service name: PostgreSQL schema of its outbox, durable consumer and queue-group prefix. */
  service: string;
  /** Event contracts this service publishes or consumes; received events are validated against them. */
  events?: readonly EventContract[];
  /** RPC contracts this service serves or calls. */
  rpcs?: readonly RpcContract[];
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  /**
   * The service publishes events carrying `personPseudonym` (intake, outreach, matching): EventRecorder stamps it with
   * the key REPORTING_PSEUDONYM_KEY of the service's config (pseudonymVariables), checked at boot.
   */
  pseudonyms?: boolean;
}

/**
 * Messaging for one service: EventRecorder (record events in the caller's transaction), the OutboxRelay,
 * RpcClient, the shared NATS connection (NATS_URL), the contract registry, the 'nats' readiness check and
 * the messaging metrics. Needs ConfigModule.forRoot with `platformVariables` and PersistenceModule.
 */
@Module({})
export class MessagingModule {
  static forService(options: MessagingModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      { provide: ContractRegistry, useValue: new ContractRegistry({ events: options.events, rpcs: options.rpcs }) },
      {
        provide: NATS_CONNECTION,
        inject: [TSUNAGU_CONFIG],
        useFactory: (config: MessagingConfig): Promise<NatsConnection> => connectNats(natsSettings(config, options.service), options.service),
      },
      {
        provide: RPC_CLIENT_SETTINGS,
        inject: [TSUNAGU_CONFIG],
        useFactory: (config: MessagingConfig): RpcClientSettings => ({ timeoutMs: config.NATS_REQUEST_TIMEOUT_MS }),
      },
      EventRecorder,
      RpcClient,
      MessagingLifecycle,
    ];
    if (options.pseudonyms) {
      providers.push({ provide: PersonPseudonyms, inject: [TSUNAGU_CONFIG], useFactory: (config: MessagingConfig & { REPORTING_PSEUDONYM_KEY?: string }) => PersonPseudonyms.fromConfig(config) });
    }
    if (options.relay !== false) {
      providers.push({
        provide: OutboxRelay,
        inject: [TSUNAGU_CONFIG, NATS_CONNECTION],
        useFactory: (config: MessagingConfig, connection: NatsConnection) =>
          new OutboxRelay({
            schema: options.service,
            databaseUrl: config.DATABASE_URL,
            connection,
            pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
            batchSize: config.OUTBOX_BATCH_SIZE,
            claimTtlMs: config.OUTBOX_CLAIM_TTL_MS,
            retryMaxMs: config.OUTBOX_RETRY_MAX_MS,
            retentionMs: config.OUTBOX_RETENTION_HOURS * 3_600_000,
          }),
      });
    }
    return {
      module: MessagingModule,
      global: true,
      imports: [
        ClientsModule.registerAsync([
          {
            name: RPC_CLIENT_PROXY,
            inject: [TSUNAGU_CONFIG],
            useFactory: (config: MessagingConfig) => ({
              transport: Transport.NATS,
              // Its replies under `_INBOX_<service>.rpc`: where the called services may publish (nats-permissions.cjs).
              options: {
                ...natsConnectionOptions(natsSettings(config, options.service)),
                inboxPrefix: natsRpcInboxPrefix(options.service),
                name: `${options.service}-rpc-client`,
                maxReconnectAttempts: -1,
                reconnectTimeWait: 500,
              },
            }),
          },
        ]),
      ],
      providers,
      exports: [MESSAGING_OPTIONS, ContractRegistry, NATS_CONNECTION, EventRecorder, RpcClient, ...(options.relay !== false ? [OutboxRelay] : [])],
    };
  }
}
