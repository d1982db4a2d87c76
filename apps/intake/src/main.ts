import './instrumentation';
import { loadConfig } from '@tsunagu/platform-config';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { createServiceApp, listen, runServiceCommand } from '@tsunagu/platform-service';
import { JetStreamServer } from '@tsunagu/platform-messaging';
import { migrateCommand } from '@tsunagu/platform-persistence';
import { intakeAppModule } from './app.module';
import { intakeVariables } from './config';
import { loadDemoData } from './demo/demo-data';
import { INTAKE_APP_OPTIONS } from './openapi';
import { intakePersistence } from './persistence';

async function serve(): Promise<void> {
  const config = loadConfig(intakeVariables);
  const app = await createServiceApp(intakeAppModule(), INTAKE_APP_OPTIONS);
  // Durable JetStream consumer of outreach hand-overs (apps/intake/src/handover).
  JetStreamServer.connect(app);
  await app.startAllMicroservices();
  await listen(app, config.HOST, config.PORT, config.SHUTDOWN_DRAIN_MS);
}

runServiceCommand('intake', {
  serve,
  // Migrations, then (DEMO_DATA=true, never in production) the fictional Takamatsu households once.
  migrate: () => migrateCommand(intakePersistence, loadConfig(intakeVariables), { municipality: DEMO_MUNICIPALITY, load: loadDemoData }),
});
