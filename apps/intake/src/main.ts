import './instrumentation';
import { Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { createServiceApp, listen } from '@tsunagu/platform-http';
import { migrateService, ormOptions } from '@tsunagu/platform-persistence';
import { intakeAppModule } from './app.module';
import { intakeVariables } from './config';
import { loadDemoData } from './demo/demo-data';
import { INTAKE_APP_OPTIONS } from './openapi';
import { intakePersistence } from './persistence';

const logger = new Logger('intake');

/**
 * `main.js migrate`: applies intake's migrations, then (DEMO_DATA=true, never in production) loads the
 * fictional Takamatsu households once. Run as its own step before the services start.
 */
async function migrate(): Promise<void> {
  const config = loadConfig(intakeVariables);
  const connection = { databaseUrl: config.DATABASE_URL };
  const applied = await migrateService(intakePersistence, connection);
  logger.log(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date');
  if (!config.DEMO_DATA) return;
  if (config.NODE_ENV === 'production') {
    logger.warn('DEMO_DATA is ignored in production');
    return;
  }
  const orm = await MikroORM.init(ormOptions(intakePersistence, connection));
  try {
    const loaded = await TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode, () => loadDemoData(orm.em.fork()));
    logger.log(loaded ? `demo data loaded for ${DEMO_MUNICIPALITY.name} (${DEMO_MUNICIPALITY.lgCode})` : 'demo data already present');
  } finally {
    await orm.close(true);
  }
}

async function serve(): Promise<void> {
  const config = loadConfig(intakeVariables);
  const app = await createServiceApp(intakeAppModule(), INTAKE_APP_OPTIONS);
  await listen(app, config.HOST, config.PORT, config.SHUTDOWN_DRAIN_MS);
}

const command = process.argv[2] ?? 'serve';
(command === 'migrate' ? migrate() : serve()).catch((error: unknown) => {
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
