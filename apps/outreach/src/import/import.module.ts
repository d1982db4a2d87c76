import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { TargetsModule } from '../targets/targets.module';
import { ImportRecordsUseCase } from './import-records.usecase';
import { ImportsController } from './imports.controller';

/** データ取込 (issue 19): a city's outreach targets and contacts from its old system, through the same use cases as the API. */
@Module({
  imports: [TargetsModule, ContactsModule],
  controllers: [ImportsController],
  providers: [ImportRecordsUseCase],
})
export class ImportModule {}
