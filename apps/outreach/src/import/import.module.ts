import { Module } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { ImportJobs } from '@tsunagu/platform-import';
import { ContactsModule } from '../contacts/contacts.module';
import { TargetAccess } from '../shared/target-access';
import { TargetsModule } from '../targets/targets.module';
import { ImportRecordsUseCase } from './import-records.usecase';
import type { ImportReportView } from './import.dto';
import { ImportsController } from './imports.controller';

/** データ取込 (issue 19): a city's outreach targets and contacts from its old system, through the same use cases as the API. */
@Module({
  imports: [TargetsModule, ContactsModule],
  controllers: [ImportsController],
  providers: [
    ImportRecordsUseCase,
    {
      provide: ImportJobs,
      inject: [MikroORM, ImportRecordsUseCase, TargetAccess],
      useFactory: (orm: MikroORM, importRecords: ImportRecordsUseCase, access: TargetAccess) =>
        new ImportJobs<ImportReportView>(orm, { importFile: (command) => importRecords.execute(command), deskOf: (principal) => access.deskOf(principal) }),
    },
  ],
})
export class ImportModule {}
