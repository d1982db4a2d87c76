import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { checkRowLevelSecurity, expectRowLevelSecurityHolds } from '@tsunagu/platform-testing';
import { startOutreach, type OutreachUnderTest } from './outreach-app';

/** G12 (ADR 0012): PostgreSQL row-level security holds the application role in every tenant table of the outreach schema. */
describe('outreach row-level security', () => {
  let outreach: OutreachUnderTest;

  beforeAll(async () => {
    outreach = await startOutreach();
    await outreach.loadDemo();
  }, 120_000);
  afterAll(() => outreach?.close());

  it('forces a policy on every table with a municipality column, and the application role cannot get round it', async () => {
    expectRowLevelSecurityHolds(await checkRowLevelSecurity(outreach.database, 'outreach', DEMO_MUNICIPALITY.lgCode));
  });
});
