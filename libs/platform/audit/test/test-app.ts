import { Body, Controller, Get, Module, Param, ParseUUIDPipe, Patch, Post, Query, type Type } from '@nestjs/common';
import { Entity, EntityManager, Property } from '@mikro-orm/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { Client } from 'pg';
import { AuthModule, CurrentPrincipal, assertRecordAccess, recordFilterOf, Roles } from '@tsunagu/platform-auth';
import { ConfigModule, platformVariables } from '@tsunagu/platform-config';
import { TenantContext, type Principal } from '@tsunagu/platform-context';
import { ListQuery, paging, Public } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { listPage, type ListPage, PersistenceModule, TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import { createServiceApp } from '@tsunagu/platform-service';
import { loggerParams } from '@tsunagu/platform-observability';
import { AuditModule, auditMigrationSql, auditSealingMigrationSql, auditSealTableMigrationSql, Audited, AuditedAction } from '../src';

export const SERVICE = 'demo';
export const CHECKPOINT_KEY = 'test-checkpoint-key-0123456789abcdef-0123456789';

/** A tiny tenant-owned record standing in for a service's protected data. */
@TenantScoped()
@Entity({ tableName: 'note' })
export class Note extends TenantEntity {
  @Property({ type: 'string' })
  title!: string;

  /** Organisation the note involves (agency scope). */
  @Property({ type: 'string', nullable: true })
  agency?: string | null;

  /** Person the note is about: a subject id of every request that exposes or changes it. */
  @Property({ type: 'uuid', nullable: true })
  personId?: string | null;
}

class NoteBody {
  @IsString()
  @MaxLength(100)
  title!: string;

  @IsOptional()
  @IsString()
  agency?: string;

  @IsOptional()
  @IsUUID()
  personId?: string;
}

interface NoteView {
  id: string;
  title: string;
  agency: string | null;
  personId: string | null;
  municipality: string;
}

const view = (note: Note): NoteView => ({ id: note.id, title: note.title, agency: note.agency ?? null, personId: note.personId ?? null, municipality: note.municipality });

@Audited('Note', { subjects: (result: NoteView | ListPage<NoteView>) => ('items' in result ? result.items.map((note) => note.personId) : [result.personId]) })
@Roles('caseworker', 'admin', 'agency')
@Controller('notes')
class NotesController {
  constructor(private readonly em: EntityManager) {}

  @Get()
  async list(@Query() query: ListQuery, @CurrentPrincipal() principal: Principal): Promise<ListPage<NoteView>> {
    const page = paging(query, ['createdAt', 'title']);
    const filter = recordFilterOf(principal);
    const where = filter.scope === 'agency' ? { agency: filter.agency } : {};
    const [items, total] = await this.em.findAndCount(Note, where, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map(view), total, page);
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal): Promise<NoteView> {
    const note = await this.em.findOne(Note, { id });
    if (!note) throw DomainException.notFound('Note', id);
    assertRecordAccess(principal, { municipality: note.municipality, organizationIds: [note.agency] }, { resource: 'Note', id });
    return view(note);
  }

  @Post()
  @Roles('caseworker', 'admin')
  async create(@Body() body: NoteBody): Promise<NoteView> {
    const note = this.em.create(Note, { title: body.title, agency: body.agency ?? null, personId: body.personId ?? null } as Note);
    await this.em.flush();
    return view(note);
  }

  /** A change that fails after its flush: the transaction rolls back, record included, and onSend records the failure. */
  @Post(':id/fail')
  @Roles('caseworker', 'admin')
  @AuditedAction('transition')
  async fail(@Param('id', new ParseUUIDPipe()) id: string): Promise<NoteView> {
    return this.em.transactional(async (em) => {
      const note = await em.findOne(Note, { id });
      if (!note) throw DomainException.notFound('Note', id);
      note.title = 'half-done';
      await em.flush();
      throw new DomainException(DomainErrorCode.Conflict, 'the change cannot be completed');
    });
  }

  /** A write that commits without an ORM transaction (its record falls back to onSend). */
  @Post('raw')
  @Roles('caseworker', 'admin')
  async createRaw(@Body() body: NoteBody): Promise<{ id: string }> {
    const id = randomUUID();
    await this.em
      .getConnection()
      .execute(`insert into ${SERVICE}.note (id, municipality, title, person_id) values (?, ?, ?, ?)`, [id, TenantContext.requireMunicipality(), body.title, body.personId ?? null]);
    return { id };
  }

  @Patch(':id')
  @Roles('caseworker', 'admin')
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: NoteBody): Promise<NoteView> {
    const note = await this.em.findOne(Note, { id });
    if (!note) throw DomainException.notFound('Note', id);
    note.title = body.title;
    await this.em.flush();
    return view(note);
  }
}

@Public()
@Controller('ping')
class PingController {
  @Get()
  ping(): { pong: true } {
    return { pong: true };
  }
}

export interface TestAppEnv {
  databaseUrl: string;
  issuer: string;
  jwksUri?: string;
  /** More variables (AUDIT_SEAL_INTERVAL_MS defaults to 0 here: tests seal when they choose). */
  config?: Record<string, string>;
}

export function testModule(env: TestAppEnv): Type<unknown> {
  @Module({
    imports: [
      ConfigModule.forRoot(platformVariables, {
        NODE_ENV: 'test',
        DATABASE_URL: env.databaseUrl,
        NATS_URL: 'nats://127.0.0.1:4222',
        OIDC_ISSUER: env.issuer,
        OIDC_JWKS_URI: env.jwksUri,
        OIDC_CLOCK_TOLERANCE_SECONDS: '5',
        AUDIT_CHECKPOINT_KEY: CHECKPOINT_KEY,
        DATABASE_POOL_MAX: '20',
        AUDIT_SEAL_INTERVAL_MS: '0',
        // The shared test server runs other suites' transactions, which hold its xmin back: settle gaps by time quickly.
        AUDIT_SEAL_SETTLE_MS: '300',
        ...env.config,
      }),
      LoggerModule.forRoot(loggerParams(SERVICE, 'silent')),
      PersistenceModule.forService({ service: SERVICE, entities: [Note], migrations: [] }),
      AuthModule.forRoot({ verifier: { timeoutMs: 1000 } }),
      AuditModule.forService(SERVICE),
    ],
    controllers: [NotesController, PingController],
  })
  class TestAppModule {}
  return TestAppModule;
}

/** Creates the demo schema the way a service's migrations would: audit trail, its move to sealing, one tenant table. */
export async function migrate(databaseUrl: string, { sealing = true } = {}): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const statement of auditMigrationSql(SERVICE)) await client.query(statement);
    if (sealing) await migrateToSealing(client);
    await client.query(`create table ${SERVICE}.note (
      id uuid primary key, municipality varchar(6) not null, created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(), version int not null default 1, title text not null, agency text, person_id uuid)`);
  } finally {
    await client.end();
  }
}

/** The second and third audit migrations (ADR 0011, ADR 0028), each in one transaction as the migrator runs them. */
export async function migrateToSealing(client: Client): Promise<void> {
  for (const migration of [auditSealingMigrationSql(SERVICE), auditSealTableMigrationSql(SERVICE)]) {
    await client.query('begin');
    for (const statement of migration) await client.query(statement);
    await client.query('commit');
  }
}

/** How many seals the demo schema holds for the record `$1` (0 until the sealer links it). */
export const SEALS_OF_RECORD_SQL = `select count(*)::int as n from ${SERVICE}.audit_seal where seq = $1`;

/** How many records of the demo schema have no seal yet. */
export const UNSEALED_COUNT_SQL = `select count(*)::int as n from ${SERVICE}.audit_record r where not exists (select 1 from ${SERVICE}.audit_seal s where s.seq = r.seq)`;

export async function startTestApp(env: TestAppEnv): Promise<NestFastifyApplication> {
  const app = await createServiceApp(testModule(env), { service: SERVICE, title: 'test', description: 'test' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
