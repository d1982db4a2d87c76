import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { ListProgressNotesUseCase } from './list-progress-notes.usecase';
import { NoteVisibility } from './note-visibility';
import { ProgressNotesController } from './progress-notes.controller';
import { RecordProgressNoteUseCase } from './record-progress-note.usecase';

/** 支援経過記録 with the legal basis each piece of information came in under. */
@Module({
  imports: [ConsentsModule],
  controllers: [ProgressNotesController],
  providers: [NoteVisibility, ListProgressNotesUseCase, RecordProgressNoteUseCase],
  exports: [ListProgressNotesUseCase],
})
export class ProgressNotesModule {}
