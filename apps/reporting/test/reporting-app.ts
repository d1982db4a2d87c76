import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { DistrictRegistered, ResourcePublished, ResourceRegistered, type CloudEvent, type EventContract, type ResourceEventData } from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { startServiceUnderTest } from '@tsunagu/platform-service-testing';
import { asSystem, expectEventually, type TestDatabase, type TestIssuer, type TestNats } from '@tsunagu/platform-testing';
import { REPORTING_APP_OPTIONS } from '../src/app-options';
import { reportingAppModule } from '../src/app.module';
import { reportingPersistence } from '../src/persistence';
import { PROJECTION_TABLES } from '../src/projections/projection-schema';

export const API = '/api/reporting';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are checked field by field
  raw: Buffer;
}

export interface ReportingUnderTest {
  app: NestFastifyApplication;
  database: TestDatabase;
  nats: TestNats;
  connection: NatsConnection;
  orm: MikroORM;
  issuer: TestIssuer;
  call(path: string, options?: { token?: string | null; method?: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE'; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
  token(roles: string[], municipality?: string): Promise<string>;
  /** Publishes CloudEvents to the stream; `msgIdSuffix` makes JetStream accept a duplicate (a re-publish outside its window). */
  publish(events: PublishedEvent[], msgIdSuffix?: string): Promise<void>;
  /** Every projection table's rows, ordered, for equality checks. */
  snapshot(): Promise<Record<string, unknown[]>>;
  /** Waits until the projection consumers have nothing pending. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface PublishedEvent {
  subject: string;
  event: CloudEvent;
}

/** A CloudEvent exactly as the outbox relay publishes it. */
export function cloudEvent<T>(contract: EventContract<T>, aggregateId: string, data: T, options: { municipality?: string; time?: string } = {}): PublishedEvent {
  return {
    subject: contract.subject,
    event: {
      specversion: '1.0',
      id: uuidv7(),
      source: contract.source,
      type: contract.type,
      subject: aggregateId,
      time: options.time ?? new Date().toISOString(),
      datacontenttype: 'application/json',
      municipality: options.municipality ?? DEMO_MUNICIPALITY.lgCode,
      data: data as unknown,
    },
  };
}

/** Boots the real reporting app (HTTP + JetStream consumers) on a fresh database and a private broker. */
export async function startReporting(): Promise<ReportingUnderTest> {
  const base = await startServiceUnderTest({
    service: 'reporting',
    module: reportingAppModule,
    persistence: reportingPersistence,
    appOptions: REPORTING_APP_OPTIONS,
    caller: { roles: ['analyst'], expiresIn: 3600 },
    poolMax: 5,
    consumers: true,
  });
  const { app, database, issuer, orm } = base;
  const nats = base.nats as TestNats;
  const connection = await base.natsConnection();
  const js = jetstream(connection);
  const token = (roles: string[], municipality: string = DEMO_MUNICIPALITY.lgCode) => issuer.token({ roles, municipality, expiresIn: 3600 });
  const analyst = await token(['analyst']);

  const under: ReportingUnderTest = {
    app,
    database,
    nats,
    connection,
    orm,
    issuer,
    token,
    async call(path, { token: bearer = analyst, method = 'GET', body, headers = {} } = {}) {
      const response = await app.inject({
        method,
        url: `${API}${path}`,
        headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        payload: body !== undefined ? JSON.stringify(body) : undefined,
      });
      let parsed: unknown;
      try {
        parsed = JSON.parse(response.body);
      } catch {
        parsed = undefined;
      }
      return { status: response.statusCode, headers: response.headers, body: parsed, raw: response.rawPayload };
    },
    async publish(events, msgIdSuffix = '') {
      for (const { subject, event } of events) {
        const h = natsHeaders();
        h.set('tsunagu-municipality', event.municipality);
        await js.publish(subject, JSON.stringify(event), { msgID: `${event.id}${msgIdSuffix}`, headers: h });
      }
    },
    async snapshot() {
      const result: Record<string, unknown[]> = {};
      // Every municipality's rows: system work under row-level security. Ordered by the whole row: the tallies' first column is not a key.
      for (const table of PROJECTION_TABLES) result[table] = await asSystem(orm, `select * from "reporting"."${table}" r order by r`);
      return result;
    },
    async settled() {
      await expectEventually(
        async () => {
          const status = await under.call('/projections/status');
          expect(status.status).toBe(200);
          expect(status.body.lag).toBe(0);
        },
        // A generated 年度 is thousands of events through every consumer: on a loaded CI machine draining them took over 30 s.
        { timeoutMs: 90_000, intervalMs: 100 },
      );
    },
    close: () => base.close(),
  };
  return under;
}

interface DistrictRow {
  short_name: string;
  kana: string;
  listed_in_2022_09_table: 'yes' | 'no';
  visit_type_b: 'yes' | 'no';
  day_type_b: 'yes' | 'no';
  other_mutual_aid: 'yes' | 'no';
}

const DEMO_NAMESPACE = '3d9b7f0c-2a1e-5c4d-8b6a-9f8e7d6c5b4a';
const demoId = (...parts: string[]) => uuidv5(parts.join(':'), DEMO_NAMESPACE);

/** The presentation's table as the registry's demo data encodes it (apps/registry/src/demo/districts.csv). */
export function presentationTable(): DistrictRow[] {
  return parse(readFileSync(join(__dirname, '../../registry/src/demo/districts.csv'), 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as DistrictRow[];
}

/** The registry stores readings in katakana (ぁ–ゖ → ァ–ヶ). */
export function katakana(hiragana: string): string {
  return hiragana.replace(/[\u3041-\u3096]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60));
}

export function demoDistrictId(shortName: string): string {
  return demoId(DEMO_MUNICIPALITY.lgCode, 'district', shortName);
}

/**
 * The events the registry's demo data records (apps/registry/src/demo/demo-data.ts → outbox): one
 * DistrictRegistered per district, and per service a ResourceRegistered then a ResourcePublished;
 * plus a 準備中, non-public salon that must not count.
 */
export function registryDemoEvents(): PublishedEvent[] {
  const lg = DEMO_MUNICIPALITY.lgCode;
  const events: PublishedEvent[] = [];
  const rows = presentationTable();
  rows.forEach((row, index) => {
    events.push(
      cloudEvent(DistrictRegistered, demoDistrictId(row.short_name), {
        districtId: demoDistrictId(row.short_name),
        sortOrder: index + 1,
        isIsland: ['女木', '男木'].includes(row.short_name),
        shortName: row.short_name,
        kana: katakana(row.kana),
      }),
    );
  });
  const resource = (row: DistrictRow, kind: string, category: ResourceEventData['category'], insuranceScheme: ResourceEventData['insuranceScheme']) => {
    const data: ResourceEventData = {
      resourceId: demoId(lg, 'resource', row.short_name, kind),
      status: 'active',
      category,
      insuranceScheme,
      districtIds: [demoDistrictId(row.short_name)],
      organizationId: demoId(lg, 'district-swc', row.short_name),
      public: true,
      lastVerifiedOn: '2022-09-30',
    };
    events.push(cloudEvent(ResourceRegistered, data.resourceId, data), cloudEvent(ResourcePublished, data.resourceId, data));
  };
  const others: ResourceEventData['category'][] = ['mobility-shopping', 'membership-mutual-aid', 'watching', 'childcare-support', 'talent-bank'];
  let index = 0;
  for (const row of rows.filter((candidate) => candidate.listed_in_2022_09_table === 'yes')) {
    if (row.visit_type_b === 'yes') resource(row, 'visit-type-b', 'visit-type-b', 'comprehensive-programme');
    if (row.day_type_b === 'yes') resource(row, 'day-type-b', 'day-type-b', 'comprehensive-programme');
    if (row.other_mutual_aid === 'yes') resource(row, 'other', others[index++ % others.length], 'non-insurance');
  }
  const salon: ResourceEventData = {
    resourceId: demoId(lg, 'resource', '四番丁', 'salon'),
    status: 'preparing',
    category: 'salon',
    insuranceScheme: 'independent',
    districtIds: [demoDistrictId('四番丁')],
    organizationId: null,
    public: false,
    lastVerifiedOn: null,
  };
  events.push(cloudEvent(ResourceRegistered, salon.resourceId, salon));
  return events;
}
