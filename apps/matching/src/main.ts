import './instrumentation';
import { loadConfig } from '@tsunagu/platform-config';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { createServiceApp, listen, runServiceCommand } from '@tsunagu/platform-service';
import { JetStreamServer, rpcServerOptions } from '@tsunagu/platform-messaging';
import { migrateCommand } from '@tsunagu/platform-persistence';
import { MATCHING_APP_OPTIONS } from './app-options';
import { matchingAppModule } from './app.module';
import { matchingVariables } from './config';
import { loadDemoData } from './demo/demo-data';
import { matchingPersistence } from './persistence';

async function serve(): Promise<void> {
  const config = loadConfig(matchingVariables);
  const app = await createServiceApp(matchingAppModule(), MATCHING_APP_OPTIONS);
  // Durable JetStream consumers: registry resources become opportunities, intake consents feed the consent gate.
  JetStreamServer.connect(app);
  // Request-reply for intake's 開示請求 (tsunagu.rpc.matching.subject-records.collect), queue group matching.
  app.connectMicroservice(rpcServerOptions({ service: 'matching', natsUrl: config.NATS_URL, natsUser: config.NATS_USER, natsPassword: config.NATS_PASSWORD }), { inheritAppConfig: true });
  await app.startAllMicroservices();
  await listen(app, config.HOST, config.PORT, config.SHUTDOWN_DRAIN_MS);
}

runServiceCommand('matching', {
  serve,
  // Migrations, then (DEMO_DATA=true, never in production) the demo hosts, menus, needs and matches once.
  migrate: () => migrateCommand(matchingPersistence, loadConfig(matchingVariables), { municipality: DEMO_MUNICIPALITY, load: loadDemoData }),
});
