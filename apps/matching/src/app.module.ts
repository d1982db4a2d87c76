import { Module, type Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CollectMatchingSubjectRecordsRpc, MATCHING_EVENTS, SearchResourcesRpc } from '@tsunagu/contracts';
import { AuditModule } from '@tsunagu/platform-audit';
import { AuthModule } from '@tsunagu/platform-auth';
import { ConfigModule, loadConfig } from '@tsunagu/platform-config';
import { HealthModule } from '@tsunagu/platform-service';
import { MessagingModule } from '@tsunagu/platform-messaging';
import { loggerParams } from '@tsunagu/platform-observability';
import { PersistenceModule } from '@tsunagu/platform-persistence';
import { matchingVariables } from './config';
import { CONSENT_EVENTS } from './consents/consent-events.handlers';
import { ConsentsModule } from './consents/consents.module';
import { DisclosureModule } from './disclosure/disclosure.module';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { GapsModule } from './gaps/gaps.controller';
import { HostsModule } from './hosts/hosts.module';
import { MatchesModule } from './matches/matches.module';
import { NeedsModule } from './needs/needs.module';
import { OpportunitiesModule } from './opportunities/opportunities.module';
import { ORGANIZATION_EVENTS, OrganizationsModule } from '@tsunagu/registry-organization-copy';
import { RESOURCE_EVENTS } from './opportunities/resource-events.handlers';
import { PEOPLE_EVENTS } from './people/intake-people.handlers';
import { PeopleModule } from './people/people.module';
import { matchingPersistence } from './persistence';
import { SettingsModule } from './settings/settings.controller';
import { MatchingSharedModule } from './shared/matching-shared.module';

/**
 * Builds matching's root module from an environment. A function rather than a constant so tests can
 * boot the app against their own database, NATS and token issuer without touching process.env.
 */
export function matchingAppModule(env: Record<string, string | undefined> = process.env): Type<unknown> {
  const config = loadConfig(matchingVariables, env);

  @Module({
    imports: [
      ConfigModule.forRoot(matchingVariables, env),
      LoggerModule.forRoot(loggerParams('matching', config.LOG_LEVEL)),
      PersistenceModule.forService(matchingPersistence),
      AuthModule.forRoot(),
      AuditModule.forService('matching'),
      // Publishes its own events; consumes registry resource and organisation events and intake consent and person events
      // (validated on receipt); asks the registry for a resource's public details.
      MessagingModule.forService({ service: 'matching', pseudonyms: true, events: [...MATCHING_EVENTS, ...RESOURCE_EVENTS, ...CONSENT_EVENTS, ...PEOPLE_EVENTS, ...ORGANIZATION_EVENTS], rpcs: [SearchResourcesRpc, CollectMatchingSubjectRecordsRpc] }),
      HealthModule,
      MatchingSharedModule,
      PeopleModule,
      ConsentsModule,
      OrganizationsModule,
      NeedsModule,
      HostsModule,
      OpportunitiesModule,
      MatchesModule,
      FollowUpsModule,
      GapsModule,
      SettingsModule,
      DisclosureModule,
    ],
  })
  class AppModule {}

  return AppModule;
}
