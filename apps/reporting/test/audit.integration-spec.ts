import { randomUUID } from 'node:crypto';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { asSystem } from '@tsunagu/platform-testing';
import { registryDemoEvents, startReporting, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(120_000);

const fiscalYear = fiscalYearOf(todayInJapan());

describe('audit trail of reports, exports and changes', () => {
  let reporting: ReportingUnderTest;

  beforeAll(async () => {
    reporting = await startReporting();
    await reporting.publish(registryDemoEvents());
    await reporting.settled();
  });
  afterAll(() => reporting.close());

  /** Calls with a request id and returns the audit records that request left. */
  async function audited(path: string, options: Parameters<ReportingUnderTest['call']>[1] = {}) {
    const requestId = randomUUID();
    const reply = await reporting.call(path, { ...options, headers: { ...(options.headers ?? {}), 'x-request-id': requestId } });
    // As the auditor's tooling reads the trail: system work under row-level security.
    const records = await asSystem(
      reporting.orm,
      `select action, resource_type, resource_id, outcome, http_status, actor, roles, municipality from "reporting"."audit_record" where request_id = ?`,
      [requestId],
    );
    return { reply, records };
  }

  it.each([
    ['/reports/mutual-aid', 'MutualAidReport'],
    [`/reports/consultations?fiscalYear=${fiscalYear}&by=district`, 'ConsultationsReport'],
    [`/reports/referrals?fiscalYear=${fiscalYear}`, 'ReferralsReport'],
    [`/reports/cases?fiscalYear=${fiscalYear}`, 'CasesReport'],
    [`/reports/indicators?fiscalYear=${fiscalYear}`, 'IndicatorsReport'],
  ])('records one read for %s as JSON and one export as CSV', async (path, resourceType) => {
    const read = await audited(path);
    expect(read.reply.status).toBe(200);
    expect(read.records).toEqual([expect.objectContaining({ action: 'read', resource_type: resourceType, outcome: 'success', http_status: 200, roles: ['analyst'], municipality: DEMO_MUNICIPALITY.lgCode })]);
    const csv = await audited(`${path}${path.includes('?') ? '&' : '?'}format=csv&encoding=cp932`);
    expect(csv.reply.status).toBe(200);
    expect(csv.records).toEqual([expect.objectContaining({ action: 'export', resource_type: resourceType, outcome: 'success' })]);
  });

  it('records refused reads and exports as denied', async () => {
    const caseworker = await reporting.token(['caseworker']);
    const denied = await audited('/reports/mutual-aid?format=csv', { token: caseworker });
    expect(denied.reply.status).toBe(403);
    expect(denied.records).toEqual([expect.objectContaining({ action: 'export', resource_type: 'MutualAidReport', outcome: 'denied', http_status: 403 })]);
    const anonymous = await audited('/reports/consultations?fiscalYear=2025', { token: null });
    expect(anonymous.records).toEqual([expect.objectContaining({ action: 'read', outcome: 'denied', http_status: 401, actor: null })]);
  });

  it('records settings and indicator changes with the record id', async () => {
    const admin = await reporting.token(['admin']);
    const settings = await audited('/settings', { method: 'PUT', token: admin, body: { suppressionThreshold: 4 } });
    expect(settings.records).toEqual([expect.objectContaining({ action: 'update', resource_type: 'ReportingSetting', outcome: 'success' })]);
    const created = await audited('/indicators', { method: 'POST', token: admin, body: { code: 'new-consultations', name: '新規相談件数', measure: 'new-consultations', unit: '件' } });
    expect(created.reply.status).toBe(201);
    expect(created.records).toEqual([expect.objectContaining({ action: 'create', resource_type: 'IndicatorDefinition', resource_id: created.reply.body.id })]);
  });
});
