import { Global, Inject, Injectable, Module, type CallHandler, type DynamicModule, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DomainErrorCode, DomainException } from './domain-exception';

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

/**
 * `Idempotency-Key` on POSTs (agencies retry over flaky networks, ARCHITECTURE API conventions): the first request
 * with a key runs and its successful response is stored; a retry with the same key and the same request gets that
 * response again instead of creating a second record. The key is reserved before the handler runs, so two
 * concurrent retries cannot both execute; a failed request releases its key. Keys are per municipality and caller.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly table: string;

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
    const connection = this.orm.em.getConnection();
    await connection.execute(`delete from ${this.table} where created_at < now() - ${RETENTION} and municipality = ? and subject = ?`, [municipality, subject]);
    const reserved = await connection.execute<{ key: string }[]>(
      `insert into ${this.table} (municipality, subject, key, fingerprint) values (?, ?, ?, ?) on conflict do nothing returning key`,
      [municipality, subject, key, fingerprint],
    );
    if (reserved.length === 0) {
      const [stored] = await connection.execute<{ fingerprint: string; status: number | null; response: unknown }[]>(
        `select fingerprint, status, response from ${this.table} where municipality = ? and subject = ? and key = ?`,
        [municipality, subject, key],
      );
      if (!stored || stored.fingerprint !== fingerprint) {
        throw new DomainException(DomainErrorCode.Conflict, 'This Idempotency-Key was already used for a different request', {
          errors: { 'Idempotency-Key': 'reused with a different request' },
        });
      }
      if (stored.status === null) throw new DomainException(DomainErrorCode.Conflict, 'A request with this Idempotency-Key is still being processed; retry shortly');
      reply.header('idempotent-replayed', 'true');
      return stored.response;
    }
    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await connection.execute(`update ${this.table} set status = ?, response = ?::jsonb where municipality = ? and subject = ? and key = ?`, [
        reply.statusCode,
        JSON.stringify(result ?? null),
        municipality,
        subject,
        key,
      ]);
      return result;
    } catch (error) {
      await connection.execute(`delete from ${this.table} where municipality = ? and subject = ? and key = ?`, [municipality, subject, key]);
      throw error;
    }
  }
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
