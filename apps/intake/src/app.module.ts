import { Module, type Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CASE_EVENTS, CollectMatchingSubjectRecordsRpc, CollectOutreachSubjectRecordsRpc, INTAKE_EVENTS } from '@tsunagu/contracts';
import { AuditModule } from '@tsunagu/platform-audit';
import { AuthModule } from '@tsunagu/platform-auth';
import { ConfigModule, loadConfig } from '@tsunagu/platform-config';
import { HealthModule } from '@tsunagu/platform-service';
import { MessagingModule } from '@tsunagu/platform-messaging';
import { loggerParams } from '@tsunagu/platform-observability';
import { PersistenceModule } from '@tsunagu/platform-persistence';
import { intakeVariables } from './config';
import { AccessModule } from './access/access.module';
import { CasesModule } from './cases/cases.module';
import { ConsentsModule } from './consents/consents.module';
import { ConsultationsModule } from './consultations/consultations.module';
import { DataSubjectRequestsModule } from './data-subject-requests/data-subject-requests.module';
import { FormsModule } from './forms/forms.module';
import { CONSUMED_EVENTS } from './handover/handover-events.handlers';
import { HandoverModule } from './handover/handover.module';
import { ImportModule } from './import/import.module';
import { MeetingsModule } from './meetings/meetings.module';
import { ORGANIZATION_EVENTS, OrganizationsModule } from '@tsunagu/registry-organization-copy';
import { PeopleModule } from './people/people.module';
import { PersonalInformationFilesModule } from './personal-information-files/personal-information-files';
import { intakePersistence } from './persistence';
import { PlansModule } from './plans/plans.module';
import { ProgressNotesModule } from './progress-notes/progress-notes.module';
import { ReferralsModule } from './referrals/referrals.module';
import { RetentionModule } from './retention/retention.module';
import { IntakeSharedModule } from './shared/intake-shared.module';
import { StaffModule } from './staff/staff.module';

/**
 * Builds intake's root module from an environment. A function rather than a constant so tests can
 * boot the app against their own database, NATS and token issuer without touching process.env.
 */
export function intakeAppModule(env: Record<string, string | undefined> = process.env): Type<unknown> {
  const config = loadConfig(intakeVariables, env);

  @Module({
    imports: [
      ConfigModule.forRoot(intakeVariables, env),
      LoggerModule.forRoot(loggerParams('intake', config.LOG_LEVEL)),
      PersistenceModule.forService(intakePersistence),
      AuthModule.forRoot(),
      AuditModule.forService('intake'),
      MessagingModule.forService({ service: 'intake', pseudonyms: true, events: [...INTAKE_EVENTS, ...CASE_EVENTS, ...CONSUMED_EVENTS, ...ORGANIZATION_EVENTS], rpcs: [CollectOutreachSubjectRecordsRpc, CollectMatchingSubjectRecordsRpc] }),
      HealthModule,
      IntakeSharedModule,
      AccessModule,
      OrganizationsModule,
      PeopleModule,
      ConsentsModule,
      ConsultationsModule,
      ReferralsModule,
      CasesModule,
      PlansModule,
      ProgressNotesModule,
      MeetingsModule,
      FormsModule,
      HandoverModule,
      RetentionModule,
      DataSubjectRequestsModule,
      PersonalInformationFilesModule,
      ImportModule,
      StaffModule,
    ],
  })
  class AppModule {}

  return AppModule;
}
