import { Module, type Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CollectOutreachSubjectRecordsRpc, OUTREACH_EVENTS } from '@tsunagu/contracts';
import { AuditModule } from '@tsunagu/platform-audit';
import { AuthModule } from '@tsunagu/platform-auth';
import { ConfigModule, loadConfig } from '@tsunagu/platform-config';
import { HealthModule } from '@tsunagu/platform-service';
import { MessagingModule } from '@tsunagu/platform-messaging';
import { loggerParams } from '@tsunagu/platform-observability';
import { PersistenceModule } from '@tsunagu/platform-persistence';
import { AlertsModule } from './alerts/alerts.module';
import { outreachVariables } from './config';
import { ContactsModule } from './contacts/contacts.module';
import { DisclosureModule } from './disclosure/disclosure.module';
import { CONSUMED_CONSENT_EVENTS } from './consents/consent-events.handlers';
import { HandoverModule } from './handover/handover.module';
import { ImportModule } from './import/import.module';
import { CONSUMED_RECORD_EVENTS } from './handover/intake-record.handlers';
import { CONSUMED_PEOPLE_EVENTS } from './people/intake-people.handlers';
import { PeopleModule } from './people/people.module';
import { CONSUMED_HOLD_EVENTS } from './retention/intake-legal-holds.handlers';
import { RetentionModule } from './retention/retention.module';
import { outreachPersistence } from './persistence';
import { ORGANIZATION_EVENTS, OrganizationsModule } from '@tsunagu/registry-organization-copy';
import { SettingsModule } from './settings/settings';
import { OutreachSharedModule } from './shared/outreach-shared.module';
import { TargetsModule } from './targets/targets.module';
import { WatchModule } from './watch/watch.module';

/**
 * Builds outreach's root module from an environment. A function rather than a constant so tests can
 * boot the app against their own database, NATS and token issuer without touching process.env.
 */
export function outreachAppModule(env: Record<string, string | undefined> = process.env): Type<unknown> {
  const config = loadConfig(outreachVariables, env);

  @Module({
    imports: [
      ConfigModule.forRoot(outreachVariables, env),
      LoggerModule.forRoot(loggerParams('outreach', config.LOG_LEVEL)),
      PersistenceModule.forService(outreachPersistence),
      AuthModule.forRoot(),
      AuditModule.forService('outreach'),
      // Publishes its own events; consumes intake's consent events, the consultation/case events that link a hand-over,
      // intake's people/household/protection events (ids checked, protected places masked) and the registry's
      // organisation events (organisation ids checked).
      MessagingModule.forService({ service: 'outreach', pseudonyms: true, events: [...OUTREACH_EVENTS, ...CONSUMED_CONSENT_EVENTS, ...CONSUMED_RECORD_EVENTS, ...CONSUMED_PEOPLE_EVENTS, ...CONSUMED_HOLD_EVENTS, ...ORGANIZATION_EVENTS], rpcs: [CollectOutreachSubjectRecordsRpc] }),
      HealthModule,
      OutreachSharedModule,
      PeopleModule,
      OrganizationsModule,
      TargetsModule,
      ContactsModule,
      WatchModule,
      AlertsModule,
      HandoverModule,
      SettingsModule,
      DisclosureModule,
      RetentionModule,
      ImportModule,
    ],
  })
  class AppModule {}

  return AppModule;
}
