/** How one environment variable is read, checked and documented. */
export interface VariableSpec {
  description: string;
  type: 'string' | 'url' | 'int' | 'bool' | 'enum';
  choices?: readonly string[];
  /** Value used when unset. Variables without a default and with `required` fail the boot. */
  default?: string;
  required?: boolean;
  /** Secrets: never printed, shown as `***` in error messages. */
  sensitive?: boolean;
  example?: string;
  min?: number;
  max?: number;
}

export type VariableSpecs = Record<string, VariableSpec>;

type ValueOf<S extends VariableSpec> = S['type'] extends 'int'
  ? number
  : S['type'] extends 'bool'
    ? boolean
    : S['type'] extends 'enum'
      ? S['choices'] extends readonly (infer C)[]
        ? C
        : string
      : string;

type IsPresent<S extends VariableSpec> = S extends { default: string }
  ? true
  : S extends { required: true }
    ? true
    : false;

/** The typed configuration object a spec produces. Optional variables are `undefined` when unset. */
export type ConfigValues<T extends VariableSpecs> = {
  readonly [K in keyof T]: IsPresent<T[K]> extends true ? ValueOf<T[K]> : ValueOf<T[K]> | undefined;
};

/** Variables every Tsunagu service reads. Services add their own with `defineVariables`. */
export const platformVariables = {
  NODE_ENV: {
    description: 'Runtime mode. `production` turns off developer conveniences (demo data, pretty logs).',
    type: 'enum',
    choices: ['development', 'test', 'production'],
    default: 'development',
  },
  HOST: { description: 'Interface the HTTP server binds to.', type: 'string', default: '0.0.0.0' },
  PORT: { description: 'HTTP port of the service.', type: 'int', default: '3000', min: 1, max: 65535 },
  DATABASE_URL: {
    description:
      'PostgreSQL connection URL of the application role the service runs as (no ownership, no BYPASSRLS: row-level security holds it). Each service uses its own schema in this database. Local runs and tests start an embedded PostgreSQL when it is unset.',
    type: 'url',
    required: true,
    sensitive: true,
    example: 'postgres://tsunagu_app:secret@db:5432/tsunagu',
  },
  DATABASE_MIGRATION_URL: {
    description:
      'PostgreSQL URL of the owner role that `migrate` (and reporting\'s `rebuild`) run as; it owns the schemas and grants DATABASE_URL\'s role what the service needs. Unset = DATABASE_URL for both, and row-level security is then not in force (the service warns at startup).',
    type: 'url',
    sensitive: true,
    example: 'postgres://tsunagu_owner:secret@db:5432/tsunagu',
  },
  DATABASE_POOL_MAX: { description: 'Maximum PostgreSQL connections per replica.', type: 'int', default: '10', min: 1 },
  HTTP_RATE_LIMIT_PER_MINUTE: {
    description:
      'Requests one client address may make per minute to this service (429 with Retry-After beyond). 0 turns the limit off (benchmarks); behind the Ingress the address is taken from X-Forwarded-For.',
    type: 'int',
    default: '1200',
    min: 0,
  },
  NATS_URL: {
    description: 'NATS server URL(s), comma separated. JetStream must be enabled.',
    type: 'string',
    required: true,
    example: 'nats://nats:4222',
  },
  NATS_USER: {
    description:
      "This service's own NATS user: it may publish only its own events (`tsunagu.evt.<service>.>`), its dead letters and requests to the services it calls (docs/operations/nats-users.md). Unset = credentials in NATS_URL, or none.",
    type: 'string',
    example: 'tsunagu-intake',
  },
  NATS_PASSWORD: { description: "Password of NATS_USER.", type: 'string', sensitive: true },
  NATS_STREAM: { description: 'JetStream stream holding all Tsunagu events.', type: 'string', default: 'TSUNAGU_EVENTS' },
  NATS_STREAM_REPLICAS: {
    description: 'Replicas of the event stream when the service creates it (3 in production clusters).',
    type: 'int',
    default: '1',
    min: 1,
    max: 5,
  },
  NATS_REQUEST_TIMEOUT_MS: { description: 'Timeout of request-reply calls to other services.', type: 'int', default: '5000', min: 100 },
  NATS_DUPLICATE_WINDOW_MS: {
    description:
      'JetStream de-duplication window of the event stream (Nats-Msg-Id = event id). Must exceed the outbox relay\'s retry horizon (OUTBOX_RETRY_MAX_MS plus a claim); the consumers\' inbox catches anything older.',
    type: 'int',
    default: '900000',
    min: 1000,
  },
  OUTBOX_POLL_INTERVAL_MS: {
    description: 'How often the outbox relay looks for rows it was not woken for: those another process committed (a replica that stopped before publishing, a command-line job) and retries that are due. Rows its own process commits wake it at once.',
    type: 'int',
    default: '2000',
    min: 50,
  },
  OUTBOX_BATCH_SIZE: { description: 'Outbox rows a relay claims and publishes per round.', type: 'int', default: '100', min: 1, max: 10000 },
  OUTBOX_CLAIM_TTL_MS: {
    description: 'Lease of a relay replica on the outbox rows it claimed, renewed every third of it while the replica publishes them; rows of a crashed replica are published by another after this.',
    type: 'int',
    default: '10000',
    min: 100,
  },
  OUTBOX_RETRY_MAX_MS: {
    description: 'Longest wait between publish attempts of one event (exponential backoff from 500 ms). Events are never dropped.',
    type: 'int',
    default: '30000',
    min: 100,
  },
  OUTBOX_RETENTION_HOURS: {
    description: 'How long published outbox rows are kept so events can be re-published after a broker loss.',
    type: 'int',
    default: '168',
    min: 1,
  },
  CONSUMER_MAX_DELIVERIES: {
    description: 'Deliveries of one event to a handler before it is dead-lettered (tsunagu.dlq.<service>.<subject>).',
    type: 'int',
    default: '8',
    min: 1,
    max: 100,
  },
  CONSUMER_ACK_WAIT_MS: {
    description:
      'JetStream ack_wait of event consumers: how long the events a killed replica held wait before another replica gets them (one replica leads each durable; a new leader waits this long when events are still held). Running handlers extend it with in-progress acks every half of it.',
    type: 'int',
    default: '10000',
    min: 1000,
  },
  CONSUMER_BATCH_SIZE: {
    description:
      "Most events of one source a consumer handles in one transaction (ADR 0024): the durable's max_ack_pending. The leader takes what has arrived, up to this many; 1 handles each event in its own transaction.",
    type: 'int',
    default: '32',
    min: 1,
    max: 256,
  },
  OIDC_ISSUER: {
    description: 'OpenID Connect issuer whose JWKS signs access tokens (the city IdP; locally the bundled idp).',
    type: 'url',
    required: true,
    example: 'https://id.city.example.lg.jp/realms/tsunagu',
  },
  OIDC_AUDIENCE: { description: 'Expected `aud` of access tokens.', type: 'string', default: 'tsunagu-api' },
  OIDC_JWKS_URI: {
    description: 'JWKS location when it differs from the issuer discovery document (e.g. inside the cluster).',
    type: 'url',
  },
  OIDC_CLOCK_TOLERANCE_SECONDS: {
    description: 'Clock skew accepted when checking `exp`/`nbf`/`iat` of access tokens (keep small).',
    type: 'int',
    default: '10',
    min: 0,
    max: 120,
  },
  AUDIT_CHECKPOINT_KEY: {
    description:
      'Secret (≥ 32 characters) that signs audit-chain checkpoints (HMAC-SHA256). Keep it outside the database; checkpoints are refused while unset.',
    type: 'string',
    sensitive: true,
  },
  AUDIT_SEAL_INTERVAL_MS: {
    description:
      'How often the audit sealer links new audit records into the hash chain (one sealer per service is active, elected among replicas). 0 = no sealing on a schedule (tests only).',
    type: 'int',
    default: '1000',
    min: 0,
  },
  AUDIT_SEAL_SETTLE_MS: {
    description:
      'How long the sealer waits for a missing audit sequence number (a transaction still committing) before passing over it as rolled back; a record that commits later is sealed late, never lost.',
    type: 'int',
    default: '5000',
    min: 0,
  },
  AUDIT_UNSEALED_BOUND_SECONDS: {
    description:
      'Audit records unsealed for longer than this make verification warn that no sealer runs, and sequence gaps first seen later than this count as unexplained (records deleted before sealing).',
    type: 'int',
    default: '60',
    min: 1,
  },
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: {
    description:
      'Seconds between the leading sealer\'s signed audit checkpoints when the chain has grown (needs AUDIT_CHECKPOINT_KEY); one more is taken at shutdown. 0 = none on a schedule.',
    type: 'int',
    default: '600',
    min: 0,
  },
  MUNICIPALITY: {
    description: '全国地方公共団体コード (6 digits) of the municipality this installation serves, used for demo data.',
    type: 'string',
    default: '372013',
  },
  LOG_LEVEL: {
    description: 'pino log level.',
    type: 'enum',
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    description: 'OTLP/HTTP collector endpoint for traces. Tracing export is off when unset.',
    type: 'url',
  },
  SHUTDOWN_DRAIN_MS: {
    description: 'Time between failing readiness on SIGTERM and closing connections (longer than the readiness period).',
    type: 'int',
    default: '0',
    min: 0,
  },
  DEMO_DATA: { description: 'Load demo data on first start (never in production).', type: 'bool', default: 'false' },
} as const satisfies VariableSpecs;

export type PlatformConfig = ConfigValues<typeof platformVariables>;

/**
 * The desk access model (docs/security/access-model.md) of the services that hold records about people (intake,
 * outreach, matching): one name, one default, read the same way by each.
 */
export const deskAccessVariables = {
  CITY_DESK_ORGANIZATION_ID: {
    description:
      "Registry organisation id of the municipality's own desk (つながる福祉相談窓口): the desk of city staff, whose tokens carry no `agency` claim. Unset: city staff without a city-wide role see nothing through relationships.",
    type: 'string',
    example: '01900000-0000-7000-8000-000000000001',
  },
  CITY_WIDE_READ_ROLES: {
    description:
      'Comma-separated roles of city staff (no `agency` claim) that read every record about people of the municipality; everybody else, and every contracted desk, reads only through a relationship of their organisation.',
    type: 'string',
    default: 'supervisor,coordinator,auditor',
  },
} as const satisfies VariableSpecs;

export type DeskAccessConfig = ConfigValues<typeof deskAccessVariables>;

export function defineVariables<const T extends VariableSpecs>(specs: T): T {
  return specs;
}
