import { Client } from 'pg';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { migrateService, SYSTEM_SESSION_OPTIONS } from '@tsunagu/platform-persistence';
import { createTestDatabase, type TestDatabase } from '@tsunagu/platform-testing';
import { intakeMigrations } from '../src/migrations';
import { intakePersistence } from '../src/persistence';
import { ORG_A, ORG_B } from './intake-app';

/** Acknowledgements recorded before they were kept per person survive the migration, as entered by the secretariat. */
describe('intake migration: 守秘義務の確認 per person', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase('intake');
    // As the operator: system work under row-level security (the data predates it here, but not after the last migration).
    client = new Client({ connectionString: database.url, options: SYSTEM_SESSION_OPTIONS });
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('moves each acknowledgement in the attendee list into its own row and leaves the list with who attends', async () => {
    const upTo = intakeMigrations.findIndex((migration) => migration.name === 'Migration20261203100000');
    await migrateService({ ...intakePersistence, migrations: intakeMigrations.slice(0, upTo) }, { databaseUrl: database.url });
    await client.connect();
    const meetingId = '01900000-0000-7000-8000-00000000aaaa';
    const attendees = [
      { staffSubject: 'houkatsu-staff-1', name: '地域包括 担当', organizationId: ORG_A, confidentialityAckAt: '2025-06-01T01:00:00.000Z' },
      { staffSubject: null, name: '相談支援 担当', organizationId: ORG_B, confidentialityAckAt: '2025-06-02T01:00:00.000Z' },
      { staffSubject: null, name: '未確認 担当', organizationId: ORG_B, confidentialityAckAt: null },
    ];
    await client.query(
      `insert into intake.meeting (id, municipality, legal_type, convener_organization_id, held_at, attendees, cases, decisions) values ($1, $2, 'support-meeting-106-6', $3, now(), $4, '[]', '[]')`,
      [meetingId, DEMO_MUNICIPALITY.lgCode, ORG_A, JSON.stringify(attendees)],
    );

    await migrateService(intakePersistence, { databaseUrl: database.url });

    const rows = await client.query(
      `select municipality, meeting_id, attendee_key, organization_id, staff_subject, attendee_name, acknowledged_at, method, recorded_by from intake.meeting_acknowledgement order by acknowledged_at`,
    );
    expect(rows.rows).toEqual([
      {
        municipality: DEMO_MUNICIPALITY.lgCode,
        meeting_id: meetingId,
        attendee_key: `${ORG_A}|sub:houkatsu-staff-1`,
        organization_id: ORG_A,
        staff_subject: 'houkatsu-staff-1',
        attendee_name: '地域包括 担当',
        acknowledged_at: new Date('2025-06-01T01:00:00.000Z'),
        method: 'paper',
        recorded_by: 'migration',
      },
      {
        municipality: DEMO_MUNICIPALITY.lgCode,
        meeting_id: meetingId,
        attendee_key: `${ORG_B}|name:相談支援 担当`,
        organization_id: ORG_B,
        staff_subject: null,
        attendee_name: '相談支援 担当',
        acknowledged_at: new Date('2025-06-02T01:00:00.000Z'),
        method: 'paper',
        recorded_by: 'migration',
      },
    ]);
    const meeting = await client.query(`select attendees from intake.meeting where id = $1`, [meetingId]);
    expect(meeting.rows[0].attendees).toEqual(attendees.map(({ confidentialityAckAt: _ack, ...attendee }) => attendee));
  });
});
