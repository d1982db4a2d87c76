import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { checkRowLevelSecurity, expectRowLevelSecurityHolds } from '@tsunagu/platform-testing';
import { registryDemoEvents, startReporting, type ReportingUnderTest } from './reporting-app';

/** G12 (ADR 0012): PostgreSQL row-level security holds the application role in every tenant table of the reporting schema. */
describe('reporting row-level security', () => {
  let reporting: ReportingUnderTest;

  beforeAll(async () => {
    reporting = await startReporting();
    await reporting.publish(registryDemoEvents());
    await reporting.settled();
  }, 120_000);
  afterAll(() => reporting?.close());

  it('forces a policy on every table with a municipality column, and the application role cannot get round it', async () => {
    expectRowLevelSecurityHolds(await checkRowLevelSecurity(reporting.database, 'reporting', DEMO_MUNICIPALITY.lgCode));
  });
});
