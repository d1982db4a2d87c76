import './instrumentation';
import { Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { createServiceApp, listen } from '@tsunagu/platform-http';
import { rpcServerOptions } from '@tsunagu/platform-messaging';
import { migrateService, ormOptions } from '@tsunagu/platform-persistence';
import { registryAppModule } from './app.module';
import { registryVariables } from './config';
import { loadDemoData } from './demo/demo-data';
import { registryPersistence } from './persistence';

const logger = new Logger('registry');

/**
 * `main.js migrate`: applies the registry's migrations, then (DEMO_DATA=true, never in production)
 * loads the Takamatsu demo data once. Run as its own step before the services start.
 */
async function migrate(): Promise<void> {
  const config = loadConfig(registryVariables);
  const connection = { databaseUrl: config.DATABASE_URL };
  const applied = await migrateService(registryPersistence, connection);
  logger.log(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date');
  if (!config.DEMO_DATA) return;
  if (config.NODE_ENV === 'production') {
    logger.warn('DEMO_DATA is ignored in production');
    return;
  }
  const orm = await MikroORM.init(ormOptions(registryPersistence, connection));
  try {
    const loaded = await TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode, () => loadDemoData(orm.em.fork()));
    logger.log(loaded ? `demo data loaded for ${DEMO_MUNICIPALITY.name} (${DEMO_MUNICIPALITY.lgCode})` : 'demo data already present');
  } finally {
    await orm.close(true);
  }
}

async function serve(): Promise<void> {
  const config = loadConfig(registryVariables);
  const app = await createServiceApp(registryAppModule(), {
    service: 'registry',
    title: 'Tsunagu registry API (地域資源)',
    description: 'Districts, organisations, community resources, coordinators and councils (地域づくり事業 / 生活支援体制整備事業).',
  });
  // Request-reply for other services (tsunagu.rpc.registry.*); a queue group shares requests between replicas.
  app.connectMicroservice(rpcServerOptions({ service: 'registry', natsUrl: config.NATS_URL }), { inheritAppConfig: true });
  await app.startAllMicroservices();
  await listen(app, config.HOST, config.PORT, config.SHUTDOWN_DRAIN_MS);
}

const command = process.argv[2] ?? 'serve';
(command === 'migrate' ? migrate() : serve()).catch((error: unknown) => {
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
