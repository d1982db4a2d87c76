import { connect, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';

export function natsServers(url: string): string[] {
  return url
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}

/** What NATS_URL (and NATS_USER/NATS_PASSWORD) say beyond the servers: credentials, TLS, the reply-subject prefix. */
export type NatsUrlOptions = Pick<ConnectionOptions, 'servers' | 'user' | 'pass' | 'token' | 'tls' | 'inboxPrefix'>;

/** Credentials given apart from NATS_URL: the service's own NATS user (NATS_USER, NATS_PASSWORD). */
export interface NatsCredentials {
  user?: string;
  password?: string;
}

/** How a service reaches NATS: NATS_URL plus its own user, and its name for the reply subjects (inbox prefix). */
export interface NatsSettings extends NatsCredentials {
  url: string;
  /**
   * Service whose reply subjects (`_INBOX_<service>.…`) this connection uses: NATS lets each service's user subscribe
   * to its own inbox prefix only (docs/operations/nats-users.md), so nobody reads another service's replies.
   */
  service?: string;
}

/** NatsSettings from a service's validated configuration. */
export function natsSettings(config: { NATS_URL: string; NATS_USER?: string; NATS_PASSWORD?: string }, service?: string): NatsSettings {
  return { url: config.NATS_URL, user: config.NATS_USER, password: config.NATS_PASSWORD, service };
}

/** Reply-subject prefix of one service's connections (libs/platform/local-infrastructure/src/nats-permissions.cjs grants `<prefix>.>`). */
export function natsInboxPrefix(service: string): string {
  return `_INBOX_${service}`;
}

/**
 * Reply subjects of a service's request-reply calls (its RPC client's inbox prefix): the only part of its inbox the
 * services it calls may publish to (their answers); its JetStream pulls stay under the plain inbox prefix.
 */
export function natsRpcInboxPrefix(service: string): string {
  return `${natsInboxPrefix(service)}.rpc`;
}

/**
 * Connection options from NATS_URL (`tls://user:password@host:4222,tls://user:password@other:4222`), or NATS_URL
 * and the service's own user (NATS_USER, NATS_PASSWORD — not both ways at once).
 * The nats client drops the user-info part of a server URL, so credentials written there would never reach the
 * server (it answers "Authorization Violation"): they are passed as `user`/`pass` (or `token` when there is no
 * password) instead. A `tls://` scheme makes the client refuse a server that does not offer TLS; the server's
 * certificate is checked against Node's CA store (add the city's CA with NODE_EXTRA_CA_CERTS).
 * Never log the result: it holds the password.
 */
export function natsConnectionOptions(settings: string | NatsSettings): NatsUrlOptions {
  const { url, ...given }: NatsSettings = typeof settings === 'string' ? { url: settings } : settings;
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
  if (given.user !== undefined || given.password !== undefined) {
    if (credentials.size > 0) throw new Error('NATS_URL carries credentials and NATS_USER/NATS_PASSWORD are set: use one or the other');
    if (given.user === undefined || given.password === undefined) throw new Error('NATS_USER and NATS_PASSWORD go together: set both or neither');
    user = given.user;
    pass = given.password;
  }
  const options: NatsUrlOptions = { servers };
  if (given.service !== undefined) options.inboxPrefix = natsInboxPrefix(given.service);
  if (user !== undefined && pass !== undefined) Object.assign(options, { user, pass });
  else if (user !== undefined) options.token = user;
  if (tls) options.tls = {};
  return options;
}

/**
 * A NATS connection that keeps reconnecting for as long as the process lives: the outbox keeps events
 * safe in PostgreSQL meanwhile, so giving up would only turn a broker outage into a restart loop.
 * The first connect fails fast, so a misconfigured NATS_URL stops the boot.
 * `noAsyncTraces`: nats.js otherwise builds an Error (a stack trace) ahead of every request and publish acknowledgement
 * in case it times out — 2 % of a registry create's CPU (issue 14); a timeout still says what timed out.
 */
export function connectNats(settings: string | NatsSettings, name: string): Promise<NatsConnection> {
  return connect({ ...natsConnectionOptions(settings), name, maxReconnectAttempts: -1, reconnectTimeWait: 500, pingInterval: 10_000, noAsyncTraces: true });
}
