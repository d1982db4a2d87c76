import { connect, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';

export function natsServers(url: string): string[] {
  return url
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}

/** What NATS_URL says beyond the servers: credentials and whether TLS is required. */
export type NatsUrlOptions = Pick<ConnectionOptions, 'servers' | 'user' | 'pass' | 'token' | 'tls'>;

/**
 * Connection options from NATS_URL (`tls://user:password@host:4222,tls://user:password@other:4222`).
 * The nats client drops the user-info part of a server URL, so credentials written there would never reach the
 * server (it answers "Authorization Violation"): they are passed as `user`/`pass` (or `token` when there is no
 * password) instead. A `tls://` scheme makes the client refuse a server that does not offer TLS; the server's
 * certificate is checked against Node's CA store (add the city's CA with NODE_EXTRA_CA_CERTS).
 * Never log the result: it holds the password.
 */
export function natsConnectionOptions(url: string): NatsUrlOptions {
  const servers: string[] = [];
  const credentials = new Set<string>();
  let user: string | undefined;
  let pass: string | undefined;
  let tls = false;
  for (const server of natsServers(url)) {
    const match = server.match(/^([a-z]+):\/\/(?:([^@/]*)@)?(.*)$/i);
    if (!match) {
      servers.push(server);
      continue;
    }
    const [, scheme, userInfo, hostPort] = match;
    if (scheme.toLowerCase() === 'tls') tls = true;
    servers.push(`${scheme}://${hostPort}`);
    if (userInfo !== undefined) {
      credentials.add(userInfo);
      const separator = userInfo.indexOf(':');
      user = decodeURIComponent(separator < 0 ? userInfo : userInfo.slice(0, separator));
      pass = separator < 0 ? undefined : decodeURIComponent(userInfo.slice(separator + 1));
    }
  }
  // One connection authenticates once: servers of one cluster share the credentials.
  if (credentials.size > 1) throw new Error('NATS_URL: every server must carry the same credentials (or only the first one)');
  const options: NatsUrlOptions = { servers };
  if (user !== undefined && pass !== undefined) Object.assign(options, { user, pass });
  else if (user !== undefined) options.token = user;
  if (tls) options.tls = {};
  return options;
}

/**
 * A NATS connection that keeps reconnecting for as long as the process lives: the outbox keeps events
 * safe in PostgreSQL meanwhile, so giving up would only turn a broker outage into a restart loop.
 * The first connect fails fast, so a misconfigured NATS_URL stops the boot.
 */
export function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({ ...natsConnectionOptions(url), name, maxReconnectAttempts: -1, reconnectTimeWait: 500, pingInterval: 10_000 });
}
