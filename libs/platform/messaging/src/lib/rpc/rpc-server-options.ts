import type { CustomStrategy } from '@nestjs/microservices';
import { natsConnectionOptions } from '../nats-connection';
import { RpcNatsServer } from './rpc-nats.server';

export interface RpcServerSettings {
  service: string;
  /** NATS_URL (comma separated). */
  natsUrl: string;
  /** Wait after unsubscribing on shutdown so requests in progress can still reply. */
  gracePeriodMs?: number;
}

/**
 * Options for `app.connectMicroservice(rpcServerOptions({ service, natsUrl: config.NATS_URL }), { inheritAppConfig: true })`:
 * Nest's NATS transport serving `@MessagePattern(rpc.subject)` in queue group = service, so replicas share
 * requests, with a graceful shutdown.
 */
export function rpcServerOptions(settings: RpcServerSettings): CustomStrategy {
  return {
    strategy: new RpcNatsServer({
      ...natsConnectionOptions(settings.natsUrl),
      name: `${settings.service}-rpc`,
      queue: settings.service,
      gracefulShutdown: true,
      gracePeriod: settings.gracePeriodMs ?? 2_000,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    }),
  };
}
