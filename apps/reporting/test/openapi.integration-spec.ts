import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '@tsunagu/platform-service';
import { REPORTING_APP_OPTIONS } from '../src/app-options';
import { startReporting, type ReportingUnderTest } from './reporting-app';

const DOC = join(__dirname, '../../../docs/api/reporting.openapi.json');

jest.setTimeout(60_000);

describe('docs/api/reporting.openapi.json', () => {
  let reporting: ReportingUnderTest;

  beforeAll(async () => {
    reporting = await startReporting();
  });
  afterAll(() => reporting.close());

  it('matches the running app (run with UPDATE_DOCS=1 to rewrite it)', async () => {
    const served = await reporting.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(served.statusCode).toBe(200);
    const document = `${JSON.stringify(buildOpenApiDocument(reporting.app, REPORTING_APP_OPTIONS), null, 2)}\n`;
    expect(JSON.parse(document)).toEqual(JSON.parse(served.body));
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(DOC, document);
    expect(existsSync(DOC)).toBe(true);
    expect(readFileSync(DOC, 'utf8')).toBe(document);
    const paths = Object.keys(JSON.parse(document).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/reporting/reports/mutual-aid', '/api/reporting/reports/consultations', '/api/reporting/reports/referrals', '/api/reporting/reports/cases', '/api/reporting/reports/indicators', '/api/reporting/indicators', '/api/reporting/indicator-targets', '/api/reporting/settings', '/api/reporting/audit-records']));
  });
});
