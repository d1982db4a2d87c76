import { Module, type Type } from '@nestjs/common';
import { REPORTING_EVENTS } from '@tsunagu/contracts';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@tsunagu/platform-audit';
import { AuthModule } from '@tsunagu/platform-auth';
import { ConfigModule, loadConfig } from '@tsunagu/platform-config';
import { HealthModule } from '@tsunagu/platform-service';
import { MessagingModule } from '@tsunagu/platform-messaging';
import { loggerParams } from '@tsunagu/platform-observability';
import { PersistenceModule } from '@tsunagu/platform-persistence';
import { ClosuresModule } from './closures/report-closures.controller';
import { reportingVariables } from './config';
import { IndicatorsModule } from './indicators/indicators.controller';
import { LogicModelModule } from './logic-model/logic-model.controller';
import { reportingPersistence } from './persistence';
import { PROJECTED_EVENTS } from './projections/projector';
import { ProjectionsModule } from './projections/projections.module';
import { ReportsModule } from './reports/reports.module';
import { SettingsModule } from './settings/settings.module';

/** Builds the reporting root module from an environment (tests boot it on their own database and broker). */
export function reportingAppModule(env: Record<string, string | undefined> = process.env): Type<unknown> {
  const config = loadConfig(reportingVariables, env);

  @Module({
    imports: [
      ConfigModule.forRoot(reportingVariables, env),
      LoggerModule.forRoot(loggerParams('reporting', config.LOG_LEVEL)),
      PersistenceModule.forService(reportingPersistence),
      HealthModule,
      AuthModule.forRoot(),
      // Every report read (JSON) and export (CSV), and every settings or indicator change, leaves an audit record.
      AuditModule.forService('reporting'),
      // Reporting publishes report.finalised / report.reopened through its outbox (the relay runs here).
      MessagingModule.forService({ service: 'reporting', events: [...PROJECTED_EVENTS, ...REPORTING_EVENTS] }),
      ProjectionsModule,
      ReportsModule,
      SettingsModule,
      IndicatorsModule,
      ClosuresModule,
      LogicModelModule,
    ],
  })
  class AppModule {}

  return AppModule;
}
