import { Global, Inject, Injectable, Module, type CallHandler, type DynamicModule, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { executeWithCommit } from '@tsunagu/platform-persistence';

const KEY = /^[\x21-\x7e]{1,200}$/;
/** How long a key is remembered: long enough for any client retry loop. */
const RETENTION = "interval '24 hours'";
const IDEMPOTENCY_SCHEMA = Symbol('IDEMPOTENCY_SCHEMA');

function assertSchema(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
}

/**
 * The table the interceptor keeps its keys in, for a service's migration:
 *   for (const sql of idempotencyMigrationSql('outreach')) this.addSql(sql);
 */
export function idempotencyMigrationSql(schema: string): string[] {
  assertSchema(schema);
  return [
    `create table "${schema}"."idempotency_key" ("municipality" varchar(6) not null, "subject" varchar(255) not null, "key" varchar(200) not null, "fingerprint" char(64) not null, "status" smallint null, "response" jsonb null, "created_at" timestamptz not null default now(), constraint "idempotency_key_pkey" primary key ("municipality", "subject", "key"));`,
    `create index "idempotency_key_created_at_index" on "${schema}"."idempotency_key" ("created_at");`,
  ];
}

/** How long a concurrent request with the same key waits for the first one before answering 409 "still processing". */
const WAIT_FOR_HOLDER = '10s';
/**
 * Reservations committed without a response were left by the previous protocol (a reservation in its own
 * transaction), whose holder may have died: one older than this is taken over. A request runs far shorter.
 */
const LEGACY_LEASE = "interval '2 minutes'";
const SQLSTATE_LOCK_NOT_AVAILABLE = '55P03';
/** Keys a request no longer replays, the table aliased `k`. */
const EXPIRED = `(k.created_at < now() - ${RETENTION} or (k.status is null and k.created_at < now() - ${LEGACY_LEASE}))`;
/** How often one process deletes one caller's expired keys: rows only, a request never depends on it (the reservation takes an expired key over). */
const PURGE_EVERY_MS = 60_000;
/** Callers whose last purge is remembered; beyond this many the memory starts again (a purge more, nothing else). */
const PURGES_REMEMBERED = 10_000;

/**
 * `Idempotency-Key` on POSTs (agencies retry over flaky networks, ARCHITECTURE API conventions): the first request
 * with a key runs and its successful response is stored; a retry with the same key and the same request gets that
 * response again instead of creating a second record. Keys are per municipality and caller.
 *
 * The key is reserved, the handler runs and its response is stored in ONE transaction (the handler's own
 * `em.transactional` joins it as a savepoint), so the key and the write commit or vanish together:
 * - the process dies, the connection drops or the handler fails: PostgreSQL rolls back the write and the
 *   reservation alike; the replay runs the handler once (no key stuck "in progress", no duplicate).
 * - the transaction committed: the replay returns the stored status and body.
 * - two concurrent requests with one key: the second one's insert waits on the first one's uncommitted row (the
 *   primary key), then replays its response, or runs if the first rolled back. After WAIT_FOR_HOLDER it answers
 *   409 "still being processed" instead of holding a connection longer.
 * The price: a request with a key holds one connection and one transaction for its whole duration.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly table: string;
  /** When this process last deleted a caller's expired keys (`municipality subject` → epoch ms). */
  private readonly purged = new Map<string, number>();

  constructor(
    private readonly orm: MikroORM,
    @Inject(IDEMPOTENCY_SCHEMA) schema: string,
  ) {
    assertSchema(schema);
    this.table = `"${schema}"."idempotency_key"`;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return next.handle();
    return from(this.run(request, context.switchToHttp().getResponse<FastifyReply>(), String(header), next));
  }

  private async run(request: FastifyRequest, reply: FastifyReply, key: string, next: CallHandler): Promise<unknown> {
    if (!KEY.test(key)) throw DomainException.invalidField('Idempotency-Key', 'must be 1–200 visible ASCII characters (a UUID is a good choice)');
    const principal = TenantContext.principal();
    const municipality = TenantContext.requireMunicipality();
    const subject = principal?.subject ?? 'anonymous';
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url.split('?')[0]}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const id = [municipality, subject, key];
    await this.purgeExpired(municipality, subject);
    let replayed = false;
    const result = await this.orm.em.transactional(async (em) => {
      const connection = em.getConnection();
      const ctx = em.getTransactionContext();
      let reserved: { key: string }[];
      try {
        // Bounded wait for a concurrent holder of the key, then the session's own lock_timeout again for the handler.
        const [{ previous }] = await connection.execute<{ previous: string }[]>(
          `select current_setting('lock_timeout') as previous, set_config('lock_timeout', ?, true)`,
          [WAIT_FOR_HOLDER],
          'all',
          ctx,
        );
        // A key past its retention (or a reservation the previous protocol left, past its lease) is taken over here, so
        // the request runs as a first one whether or not the purge has removed it yet; a live key returns no row.
        reserved = await connection.execute(
          `insert into ${this.table} as k (municipality, subject, key, fingerprint) values (?, ?, ?, ?)
             on conflict (municipality, subject, key) do update set fingerprint = excluded.fingerprint, status = null, response = null, created_at = now()
             where ${EXPIRED}
           returning key`,
          [...id, fingerprint],
          'all',
          ctx,
        );
        await connection.execute(`select set_config('lock_timeout', ?, true)`, [previous], 'all', ctx);
      } catch (error) {
        if ((error as { code?: unknown }).code === SQLSTATE_LOCK_NOT_AVAILABLE) throw stillProcessing();
        throw error;
      }
      if (reserved.length === 0) {
        const [stored] = await connection.execute<{ fingerprint: string; status: number | null; response: unknown }[]>(
          `select fingerprint, status, response from ${this.table} where municipality = ? and subject = ? and key = ?`,
          id,
          'all',
          ctx,
        );
        if (!stored || stored.fingerprint !== fingerprint) {
          throw new DomainException(DomainErrorCode.Conflict, 'This Idempotency-Key was already used for a different request', {
            errors: { 'Idempotency-Key': 'reused with a different request' },
          });
        }
        // A reservation of the previous protocol whose holder may still run (younger than LEGACY_LEASE).
        if (stored.status === null) throw stillProcessing();
        replayed = true;
        return stored.response;
      }
      const value = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const store = [reply.statusCode, JSON.stringify(value ?? null), ...id];
      const storeSql = `update ${this.table} set status = ?, response = ?::jsonb where municipality = ? and subject = ? and key = ?`;
      // Nothing reads it back before the COMMIT: it travels in the COMMIT's round trip (issue 14), one round trip fewer
      // per keyed POST, and fewer while the handler's locks (a desk's 受付番号 counter) are held.
      await executeWithCommit(em, storeSql, store);
      return value;
    });
    // The status is the route's (Nest applies it after the interceptors), the same as the first response's.
    if (replayed) reply.header('idempotent-replayed', 'true');
    return result;
  }

  /**
   * Deletes a caller's expired keys, at most once a minute per caller and process: it was one statement on every keyed
   * POST (issue 14). Outside the request's transaction, so it never holds their row locks while the handler runs.
   */
  private async purgeExpired(municipality: string, subject: string): Promise<void> {
    const caller = `${municipality} ${subject}`;
    const now = Date.now();
    if (now - (this.purged.get(caller) ?? 0) < PURGE_EVERY_MS) return;
    if (this.purged.size >= PURGES_REMEMBERED) this.purged.clear();
    this.purged.set(caller, now);
    await this.orm.em
      .getConnection()
      .execute(`delete from ${this.table} as k where ${EXPIRED} and k.municipality = ? and k.subject = ?`, [municipality, subject]);
  }
}

function stillProcessing(): DomainException {
  return new DomainException(DomainErrorCode.Conflict, 'A request with this Idempotency-Key is still being processed; retry shortly');
}

/** Idempotency-Key on every POST of a service, its keys in `<schema>.idempotency_key` (idempotencyMigrationSql). */
@Global()
@Module({})
export class IdempotencyModule {
  static forService(schema: string): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        { provide: IDEMPOTENCY_SCHEMA, useValue: schema },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
