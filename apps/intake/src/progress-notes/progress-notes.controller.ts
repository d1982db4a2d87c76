import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import { ListProgressNotesUseCase } from './list-progress-notes.usecase';
import { ProgressNoteListQuery, ProgressNoteView, RecordProgressNoteCommand } from './progress-note.dto';
import { RecordProgressNoteUseCase } from './record-progress-note.usecase';

@ApiTags('progress-notes (支援経過記録)')
@Controller('progress-notes')
@Roles(...STAFF_AND_AGENCY_ROLES)
@Audited('ProgressNote')
export class ProgressNotesController {
  constructor(
    private readonly list: ListProgressNotesUseCase,
    private readonly record: RecordProgressNoteUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Notes of a case or consultation; agencies see only what the legal basis lets them' })
  @ApiOkResponse({ type: PageOf(ProgressNoteView) })
  findAll(@Query() query: ProgressNoteListQuery): Promise<ListPage<ProgressNoteView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProgressNoteView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<ProgressNoteView> {
    return this.list.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Add a note with its legal basis (agencies: to cases where their organisation has a role)' })
  @ApiCreatedResponse({ type: ProgressNoteView })
  create(@Body() command: RecordProgressNoteCommand): Promise<ProgressNoteView> {
    return this.record.execute(command);
  }
}
