import { v7 as uuidv7 } from 'uuid';
import { EvaluationRecorded, MandatoryReportDecided, MandatoryReportRaised, ProgressNoted, type MandatoryReportEventData } from '@tsunagu/contracts';
import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { asSystem } from '@tsunagu/platform-testing';
import { cloudEvent, startReporting, type PublishedEvent, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(120_000);

const FISCAL_YEAR = 2025;

/** 通報: 5 raised in the 年度 (one on 3/31 in Japan), 3 of them reported — one decision arriving before its raise — and 1 raised the year after. */
function mandatoryReports(): PublishedEvent[] {
  const report = (status: MandatoryReportEventData['status']): MandatoryReportEventData => ({
    mandatoryReportId: uuidv7(),
    consultationId: uuidv7(),
    law: 'elder-abuse-prevention-act',
    issueTag: 'elder-abuse-suspected',
    status,
  });
  const events: PublishedEvent[] = [];
  for (const [raisedAt, decision] of [
    ['2025-04-10T01:00:00.000Z', 'reported'],
    ['2025-06-10T01:00:00.000Z', 'reported'],
    ['2025-08-10T01:00:00.000Z', 'not-required'],
    ['2025-10-10T01:00:00.000Z', null],
    ['2026-03-31T15:30:00.000Z', 'reported'], // 00:30 on 4/1 in Japan: the next 年度
    ['2026-03-31T10:00:00.000Z', null], // 19:00 on 3/31 in Japan
  ] as const) {
    const raised = report('decision-pending');
    const decided = decision && cloudEvent(MandatoryReportDecided, raised.mandatoryReportId, { ...raised, status: decision }, { time: new Date(Date.parse(raisedAt) + 3_600_000).toISOString() });
    // The decision of the second arrives first: the raise still counts on its own day.
    if (decided && raisedAt.startsWith('2025-06')) events.push(decided);
    events.push(cloudEvent(MandatoryReportRaised, raised.mandatoryReportId, raised, { time: raisedAt }));
    if (decided && !raisedAt.startsWith('2025-06')) events.push(decided);
  }
  return events;
}

describe('reporting: 通報, evaluations and progress notes as counts (issue 17)', () => {
  let reporting: ReportingUnderTest;

  beforeAll(async () => {
    reporting = await startReporting();
    const evaluations = ['continue', 'replan', 'continue'].map((decision, i) => {
      const evaluationId = uuidv7();
      return cloudEvent(EvaluationRecorded, evaluationId, { evaluationId, planId: uuidv7(), caseId: uuidv7(), decision: decision as 'continue', meetingId: null, evaluatedOn: `2025-0${5 + i}-01` });
    });
    const notes = Array.from({ length: 7 }, (_, i) => {
      const noteId = uuidv7();
      return cloudEvent(ProgressNoted, noteId, { noteId, caseId: uuidv7(), consultationId: null, kind: 'interview', legalBasis: 'consent', authorOrganizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id }, { time: `2025-${String(4 + i).padStart(2, '0')}-15T03:00:00.000Z` });
    });
    await reporting.publish([...mandatoryReports(), ...evaluations, ...notes]);
    await reporting.settled();
  });
  afterAll(() => reporting.close());

  it('counts them per 年度 as indicator measures, and keeps no link to the consultation, case or plan', async () => {
    const supervisor = await reporting.token(['supervisor']);
    for (const measure of ['mandatory-reports-raised', 'mandatory-reports-made', 'evaluations-recorded', 'progress-notes-recorded']) {
      expect((await reporting.call('/indicators', { method: 'POST', token: supervisor, body: { code: measure, name: measure, measure, unit: '件' } })).status).toBe(201);
    }
    const results = (await reporting.call(`/reports/indicators?fiscalYear=${FISCAL_YEAR}`)).body.results as { code: string; actual: number; measureLabel: string }[];
    expect(Object.fromEntries(results.map((result) => [result.code, result.actual]))).toEqual({
      'mandatory-reports-raised': 5,
      'mandatory-reports-made': 2,
      'evaluations-recorded': 3,
      'progress-notes-recorded': 7,
    });
    expect(results.find((result) => result.code === 'mandatory-reports-made')?.measureLabel).toBe('通報件数（通報済）');
    const next = (await reporting.call(`/reports/indicators?fiscalYear=${FISCAL_YEAR + 1}`)).body.results as { code: string; actual: number }[];
    expect(next.find((result) => result.code === 'mandatory-reports-made')?.actual).toBe(1);
    // Published: counts under the threshold are suppressed like any other.
    const published = (await reporting.call(`/reports/indicators?fiscalYear=${FISCAL_YEAR}&view=published`)).body.results as { code: string; actual: number | null; suppressed: boolean }[];
    expect(published.find((result) => result.code === 'mandatory-reports-made')).toMatchObject({ actual: null, suppressed: true });

    const columns = (await asSystem(
      reporting.orm,
      `select table_name, column_name from information_schema.columns where table_schema = 'reporting' and table_name in ('mandatory_report', 'evaluation', 'progress_record')`,
    )) as { column_name: string }[];
    expect(columns.some((column) => /consultation_id|case_id|plan_id|meeting_id/.test(column.column_name))).toBe(false);
    const [pending] = (await asSystem(reporting.orm, `select count(*)::int as n from "reporting"."mandatory_report" where status = 'decision-pending'`)) as { n: number }[];
    expect(pending.n).toBe(2);
  });
});
