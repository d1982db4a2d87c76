import './instrumentation';
import { loadConfig } from '@tsunagu/platform-config';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { createServiceApp, listen, runServiceCommand } from '@tsunagu/platform-service';
import { rpcServerOptions } from '@tsunagu/platform-messaging';
import { migrateCommand } from '@tsunagu/platform-persistence';
import { REGISTRY_APP_OPTIONS } from './app-options';
import { registryAppModule } from './app.module';
import { registryVariables } from './config';
import { loadDemoData } from './demo/demo-data';
import { registryPersistence } from './persistence';

async function serve(): Promise<void> {
  const config = loadConfig(registryVariables);
  const app = await createServiceApp(registryAppModule(), REGISTRY_APP_OPTIONS);
  // Request-reply for other services (tsunagu.rpc.registry.*); a queue group shares requests between replicas.
  app.connectMicroservice(rpcServerOptions({ service: 'registry', natsUrl: config.NATS_URL, natsUser: config.NATS_USER, natsPassword: config.NATS_PASSWORD }), { inheritAppConfig: true });
  await app.startAllMicroservices();
  await listen(app, config.HOST, config.PORT, config.SHUTDOWN_DRAIN_MS);
}

runServiceCommand('registry', {
  serve,
  // Migrations, then (DEMO_DATA=true, never in production) the Takamatsu demo data once.
  migrate: () => migrateCommand(registryPersistence, loadConfig(registryVariables), { municipality: DEMO_MUNICIPALITY, load: loadDemoData }),
});
