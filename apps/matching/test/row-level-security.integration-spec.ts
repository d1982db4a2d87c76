import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { checkRowLevelSecurity, expectRowLevelSecurityHolds } from '@tsunagu/platform-testing';
import { startMatching, type MatchingUnderTest } from './matching-app';

/** G12 (ADR 0012): PostgreSQL row-level security holds the application role in every tenant table of the matching schema. */
describe('matching row-level security', () => {
  let matching: MatchingUnderTest;

  beforeAll(async () => {
    matching = await startMatching();
    await matching.loadDemo();
  }, 120_000);
  afterAll(() => matching?.close());

  it('forces a policy on every table with a municipality column, and the application role cannot get round it', async () => {
    expectRowLevelSecurityHolds(await checkRowLevelSecurity(matching.database, 'matching', DEMO_MUNICIPALITY.lgCode));
  });
});
