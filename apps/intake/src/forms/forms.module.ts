import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { PeopleModule } from '../people/people.module';
import { PlansModule } from '../plans/plans.module';
import { ProgressNotesModule } from '../progress-notes/progress-notes.module';
import { FormsController } from './forms.controller';
import { PrintFormsUseCase } from './print-forms.usecase';

/** 帳票 (printable forms) as PDF, read through each record's own use cases. */
@Module({
  imports: [CasesModule, ConsultationsModule, MeetingsModule, PeopleModule, PlansModule, ProgressNotesModule],
  controllers: [FormsController],
  providers: [PrintFormsUseCase],
})
export class FormsModule {}
