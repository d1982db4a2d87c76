import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { checkRowLevelSecurity, expectRowLevelSecurityHolds } from '@tsunagu/platform-testing';
import { startIntake, type IntakeUnderTest } from './intake-app';

/** G12 (ADR 0012): PostgreSQL row-level security holds the application role in every tenant table of the intake schema. */
describe('intake row-level security', () => {
  let intake: IntakeUnderTest;

  beforeAll(async () => {
    intake = await startIntake();
    await intake.loadDemo();
  }, 120_000);
  afterAll(() => intake?.close());

  it('forces a policy on every table with a municipality column, and the application role cannot get round it', async () => {
    expectRowLevelSecurityHolds(await checkRowLevelSecurity(intake.database, 'intake', DEMO_MUNICIPALITY.lgCode));
  });
});
