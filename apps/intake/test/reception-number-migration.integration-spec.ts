import { Client } from 'pg';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { migrateService } from '@tsunagu/platform-persistence';
import { createTestDatabase, type TestDatabase } from '@tsunagu/platform-testing';
import { intakeMigrations } from '../src/migrations';
import { intakePersistence } from '../src/persistence';
import { DESK, ORG_A } from './intake-app';

/** Numbers given before desk numbers keep their sequence and gain their desk's number, in the order desks first received. */
describe('intake migration: 受付番号 with the desk number', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase('intake');
    client = new Client({ connectionString: database.url });
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('renumbers R7-000001 at two desks into R7-001-000001 and R7-002-000001, keeps the search text and counters in step', async () => {
    const upTo = intakeMigrations.findIndex((migration) => migration.name === 'Migration20261203140000');
    await migrateService({ ...intakePersistence, migrations: intakeMigrations.slice(0, upTo) }, { databaseUrl: database.url });
    await client.connect();
    const rows: [string, string, number, number, string][] = [
      // id suffix, desk, fiscal year, seq, received at
      ['0001', ORG_A, 2025, 1, '2025-05-01T01:00:00Z'],
      ['0002', DESK, 2025, 1, '2025-04-10T01:00:00Z'],
      ['0003', DESK, 2025, 2, '2025-06-01T01:00:00Z'],
      ['0004', ORG_A, 2024, 1, '2024-12-01T01:00:00Z'],
    ];
    for (const [suffix, desk, fiscalYear, seq, receivedAt] of rows) {
      const receptionNo = `R${fiscalYear - 2018}-${String(seq).padStart(6, '0')}`;
      await client.query(
        `insert into intake.consultation (id, municipality, reception_no, reception_seq, fiscal_year, received_at, receiving_organization_id, receiver_staff, route, consultant_relation,
           categories, primary_category, issue_tags, urgency, consent_status, jigyo_attribution, search_text)
         values ($1, $2, $3, $4, $5, $6, $7, 'caseworker', 'phone', 'self', '{income}', 'income', '{}', 'medium', 'given', 'tsunagaru-desk', $8)`,
        [`01900000-0000-7000-8000-00000000${suffix}`, DEMO_MUNICIPALITY.lgCode, receptionNo, seq, fiscalYear, receivedAt, desk, `${receptionNo.toLowerCase()} 家賃が払えない`],
      );
      await client.query(
        `insert into intake.reception_counter (municipality, organization_id, fiscal_year, last_no) values ($1, $2, $3, $4)
         on conflict (municipality, organization_id, fiscal_year) do update set last_no = excluded.last_no`,
        [DEMO_MUNICIPALITY.lgCode, desk, fiscalYear, seq],
      );
    }

    await migrateService(intakePersistence, { databaseUrl: database.url });
    // The migrations ended with row-level security forced on the tables: the inspection reads as system work (ADR 0012).
    await client.query(`select set_config('app.system', 'on', false)`);

    const migrated = await client.query(`select reception_no, search_text from intake.consultation order by id`);
    // The earliest reception was ORG_A's of 令和6年度: it is desk 001 in every 年度; DESK is 002.
    expect(migrated.rows).toEqual([
      { reception_no: 'R7-001-000001', search_text: 'r7-001-000001 家賃が払えない' },
      { reception_no: 'R7-002-000001', search_text: 'r7-002-000001 家賃が払えない' },
      { reception_no: 'R7-002-000002', search_text: 'r7-002-000002 家賃が払えない' },
      { reception_no: 'R6-001-000001', search_text: 'r6-001-000001 家賃が払えない' },
    ]);
    const counters = await client.query(`select organization_id, fiscal_year, last_no, desk_no from intake.reception_counter order by fiscal_year, desk_no`);
    expect(counters.rows).toEqual([
      { organization_id: ORG_A, fiscal_year: 2024, last_no: 1, desk_no: 1 },
      { organization_id: ORG_A, fiscal_year: 2025, last_no: 1, desk_no: 1 },
      { organization_id: DESK, fiscal_year: 2025, last_no: 2, desk_no: 2 },
    ]);
  });
});
