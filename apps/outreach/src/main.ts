import './instrumentation';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@tsunagu/platform-config';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { createServiceApp, listen, runServiceCommand } from '@tsunagu/platform-service';
import { JetStreamServer, rpcServerOptions } from '@tsunagu/platform-messaging';
import { migrateCommand } from '@tsunagu/platform-persistence';
import { RunOutreachChecksUseCase } from './alerts/run-outreach-checks.usecase';
import { outreachAppModule } from './app.module';
import { outreachVariables } from './config';
import { loadDemoData } from './demo/demo-data';
import { OUTREACH_APP_OPTIONS } from './openapi';
import { outreachPersistence } from './persistence';

async function serve(): Promise<void> {
  const config = loadConfig(outreachVariables);
  const app = await createServiceApp(outreachAppModule(), OUTREACH_APP_OPTIONS);
  // Durable JetStream consumers: intake's consent events and the records a hand-over created (`outreach__<subject>`).
  JetStreamServer.connect(app);
  // Request-reply for intake's 開示請求 (tsunagu.rpc.outreach.subject-records.collect), queue group outreach.
  app.connectMicroservice(rpcServerOptions({ service: 'outreach', natsUrl: config.NATS_URL, natsUser: config.NATS_USER, natsPassword: config.NATS_PASSWORD }), { inheritAppConfig: true });
  await app.startAllMicroservices();
  await listen(app, config.HOST, config.PORT, config.SHUTDOWN_DRAIN_MS);
}

/** `main.js check`: runs the inactivity and watch-overdue check once (e.g. from a CronJob) and exits. */
async function check(): Promise<void> {
  const app = await NestFactory.createApplicationContext(outreachAppModule({ ...process.env, OUTREACH_CHECK_INTERVAL_MS: '0' }));
  try {
    const results = await app.get(RunOutreachChecksUseCase).execute();
    for (const result of results) Logger.log(JSON.stringify(result), 'outreach-check');
  } finally {
    await app.close();
  }
}

runServiceCommand('outreach', {
  serve,
  // Migrations, then (DEMO_DATA=true, never in production) the fictional Takamatsu targets once.
  migrate: () => migrateCommand(outreachPersistence, loadConfig(outreachVariables), { municipality: DEMO_MUNICIPALITY, load: loadDemoData }),
  check,
});
