import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { checkRowLevelSecurity, expectRowLevelSecurityHolds } from '@tsunagu/platform-testing';
import { startRegistry, type RegistryUnderTest } from './registry-app';

/** G12 (ADR 0012): PostgreSQL row-level security holds the application role in every tenant table of the registry schema. */
describe('registry row-level security', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    registry = await startRegistry();
    await registry.loadDemo();
  }, 120_000);
  afterAll(() => registry?.close());

  it('forces a policy on every table with a municipality column, and the application role cannot get round it', async () => {
    // A resource copied to the other municipality cannot keep this one's districts: the row's own check refuses them there.
    expectRowLevelSecurityHolds(await checkRowLevelSecurity(registry.database, 'registry', DEMO_MUNICIPALITY.lgCode, undefined, { community_resource: { district_ids: [] } }));
  });
});
