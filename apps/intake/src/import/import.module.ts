import { Module } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { ImportJobs } from '@tsunagu/platform-import';
import { PersonVisibility } from '../access/person-visibility';
import { CasesModule } from '../cases/cases.module';
import { ConsentsModule } from '../consents/consents.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { PeopleModule } from '../people/people.module';
import { PlansModule } from '../plans/plans.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { GetImportRunUseCase } from './get-import-run.usecase';
import { ImportRecordsUseCase } from './import-records.usecase';
import type { ImportReportView } from './import.dto';
import { ImportsController } from './imports.controller';

/** データ取込 (issue 19): a city's existing records from its old system, through the same use cases as the API. */
@Module({
  imports: [PeopleModule, ConsultationsModule, ConsentsModule, ReferralsModule, CasesModule, PlansModule],
  controllers: [ImportsController],
  providers: [
    ImportRecordsUseCase,
    GetImportRunUseCase,
    {
      provide: ImportJobs,
      inject: [MikroORM, ImportRecordsUseCase, PersonVisibility],
      useFactory: (orm: MikroORM, importRecords: ImportRecordsUseCase, people: PersonVisibility) =>
        new ImportJobs<ImportReportView>(orm, { importFile: (command) => importRecords.execute(command), deskOf: (principal) => people.organizationOf(principal) }),
    },
  ],
})
export class ImportModule {}
