import { v7 as uuidv7 } from 'uuid';
import { CoordinatorAssigned, CouncilEstablished, CouncilMeetingHeld, type CoordinatorAssignedData, type CouncilLayer } from '@tsunagu/contracts';
import { cloudEvent, startReporting, type PublishedEvent, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(120_000);

/** 令和7年度: over, so "in post at the 年度's end" is 2026-03-31. */
const FISCAL_YEAR = 2025;

type Row = { code: string | null; cells: { value: number | null }[]; total: { value: number | null } };

function councilWork(): PublishedEvent[] {
  const council = (layer: CouncilLayer) => ({ councilId: uuidv7(), layer, districtId: layer === 2 ? uuidv7() : null, status: 'established' as const, establishedOn: '2024-04-01' });
  const [first, second] = [council(1), council(2)];
  const meeting = (councilId: string, heldOn: string) => {
    const meetingId = uuidv7();
    return cloudEvent(CouncilMeetingHeld, councilId, { councilId, meetingId, districtId: null, heldOn, participantsCount: 12 }, { time: `${heldOn}T03:00:00.000Z` });
  };
  const coordinator = (layer: 1 | 2 | 3, assignedFrom: string, assignedTo: string | null): PublishedEvent => {
    const data: CoordinatorAssignedData = { coordinatorId: uuidv7(), layer, districtIds: [], employerOrganizationId: null, assignedFrom, assignedTo };
    return cloudEvent(CoordinatorAssigned, data.coordinatorId, data);
  };
  return [
    // Meetings may arrive before their council: they count once it is known.
    meeting(first.councilId, '2025-05-20'),
    cloudEvent(CouncilEstablished, first.councilId, first),
    cloudEvent(CouncilEstablished, second.councilId, second),
    meeting(first.councilId, '2025-11-20'),
    meeting(second.councilId, '2025-05-10'),
    meeting(second.councilId, '2025-06-10'),
    meeting(second.councilId, '2025-06-24'),
    meeting(second.councilId, '2026-04-02'), // next 年度
    coordinator(1, '2023-04-01', null),
    coordinator(2, '2024-04-01', null),
    coordinator(2, '2025-04-01', null),
    coordinator(2, '2024-04-01', '2025-09-30'), // left during the 年度
    coordinator(3, '2026-04-01', null), // starts next 年度
  ];
}

describe('reporting: 協議体 and 生活支援コーディネーター from the registry (issue 17)', () => {
  let reporting: ReportingUnderTest;

  beforeAll(async () => {
    reporting = await startReporting();
    await reporting.publish(councilWork());
    await reporting.settled();
  });
  afterAll(() => reporting.close());

  it('counts 協議体 meetings per month and layer, and coordinators in post per layer at the 年度 end, in the 年度 report', async () => {
    const report = (await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}`)).body;
    const community = report.sheets.find((sheet: { jigyo: string }) => sheet.jigyo === 'community');
    const table = (key: string) => community.tables.find((candidate: { key: string }) => candidate.key === key) as { rows: Row[] };
    const meetings: Record<string, Row> = Object.fromEntries(table('council-meetings').rows.map((row) => [row.code, row]));
    expect(meetings['1'].total.value).toBe(2);
    expect(meetings['2'].total.value).toBe(3);
    expect((meetings['2'] as Row).cells.map((cell) => cell.value)).toEqual([0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Object.fromEntries(table('coordinators').rows.map((row) => [row.code, row.total.value]))).toEqual({ '1': 1, '2': 2, '3': 0 });

    const supervisor = await reporting.token(['supervisor']);
    for (const measure of ['council-meetings-held', 'coordinators-in-post']) {
      expect((await reporting.call('/indicators', { method: 'POST', token: supervisor, body: { code: measure, name: measure, measure, unit: '回' } })).status).toBe(201);
    }
    const results = (await reporting.call(`/reports/indicators?fiscalYear=${FISCAL_YEAR}`)).body.results as { code: string; actual: number }[];
    expect(Object.fromEntries(results.map((result) => [result.code, result.actual]))).toEqual({ 'council-meetings-held': 5, 'coordinators-in-post': 3 });
  });
});
