import { connect, type NatsConnection } from 'nats';

export function natsServers(url: string): string[] {
  return url
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}

/**
 * A NATS connection that keeps reconnecting for as long as the process lives: the outbox keeps events
 * safe in PostgreSQL meanwhile, so giving up would only turn a broker outage into a restart loop.
 * The first connect fails fast, so a misconfigured NATS_URL stops the boot.
 */
export function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({ servers: natsServers(url), name, maxReconnectAttempts: -1, reconnectTimeWait: 500, pingInterval: 10_000 });
}
