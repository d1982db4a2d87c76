import type { CustomStrategy } from '@nestjs/microservices';
import { natsConnectionOptions } from '../nats-connection';
import { RpcNatsServer } from './rpc-nats.server';

export interface RpcServerSettings {
  service: string;
  /** NATS_URL (comma separated). */
  natsUrl: string;
  /** The service's own NATS user (NATS_USER); its password is natsPassword. Unset = credentials in natsUrl, or none. */
  natsUser?: string;
  natsPassword?: string;
  /** Wait after unsubscribing on shutdown so requests in progress can still reply. */
  gracePeriodMs?: number;
}

/**
 * Options for `app.connectMicroservice(rpcServerOptions({ service, natsUrl: config.NATS_URL, natsUser, natsPassword }), { inheritAppConfig: true })`:
 * Nest's NATS transport serving `@MessagePattern(rpc.subject)` in queue group = service, so replicas share
 * requests, with a graceful shutdown.
 */
export function rpcServerOptions(settings: RpcServerSettings): CustomStrategy {
  return {
    strategy: new RpcNatsServer({
      ...natsConnectionOptions({ url: settings.natsUrl, user: settings.natsUser, password: settings.natsPassword, service: settings.service }),
      name: `${settings.service}-rpc`,
      queue: settings.service,
      gracefulShutdown: true,
      gracePeriod: settings.gracePeriodMs ?? 2_000,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    }),
  };
}
