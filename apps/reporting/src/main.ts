import './instrumentation';
import { Logger } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import { loadConfig } from '@tsunagu/platform-config';
import { createServiceApp, listen, runServiceCommand } from '@tsunagu/platform-service';
import { connectNats, ensureEventStreams, JetStreamServer, natsSettings } from '@tsunagu/platform-messaging';
import { migrateCommand, migrationConnection } from '@tsunagu/platform-persistence';
import { REPORTING_APP_OPTIONS } from './app-options';
import { reportingAppModule } from './app.module';
import { reportingVariables } from './config';
import { reportingPersistence } from './persistence';
import { rebuildProjections } from './projections/rebuild';

const logger = new Logger('reporting');

/** `main.js rebuild`: replays the event stream into fresh projection tables and swaps them in. */
async function rebuild(): Promise<void> {
  const config = loadConfig(reportingVariables);
  const connection = await connectNats(natsSettings(config, 'reporting'), 'reporting-rebuild');
  try {
    await ensureEventStreams(await jetstreamManager(connection), {
      stream: config.NATS_STREAM,
      replicas: config.NATS_STREAM_REPLICAS,
      duplicateWindowMs: config.NATS_DUPLICATE_WINDOW_MS,
    });
    // As the owner, like `migrate`: the rebuild replaces tables (DATABASE_MIGRATION_URL, else DATABASE_URL).
    const { ownerUrl, applicationRole } = migrationConnection(config);
    await rebuildProjections({ databaseUrl: ownerUrl, applicationRole, connection, stream: config.NATS_STREAM, log: (line) => logger.log(line) });
  } finally {
    await connection.drain();
  }
}

async function serve(): Promise<void> {
  const config = loadConfig(reportingVariables);
  const app = await createServiceApp(reportingAppModule(), REPORTING_APP_OPTIONS);
  // Durable JetStream consumers feed the projections (one per source service, `reporting__from__<source>`: ADR 0016).
  JetStreamServer.connect(app);
  await app.startAllMicroservices();
  await listen(app, config.HOST, config.PORT, config.SHUTDOWN_DRAIN_MS);
}

runServiceCommand('reporting', {
  serve,
  // Projections come from events, so there is no demo data to load.
  migrate: () => migrateCommand(reportingPersistence, loadConfig(reportingVariables)),
  rebuild,
});
