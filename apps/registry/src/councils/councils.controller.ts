import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RegistryReader, RegistryWriter } from '../shared/access';
import { PageOf, expectedVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import {
  CouncilListQuery,
  CouncilMeetingListQuery,
  CouncilMeetingView,
  CouncilView,
  EstablishCouncilCommand,
  RecordCouncilMeetingCommand,
  UpdateCouncilCommand,
  UpdateCouncilMeetingCommand,
} from './council.dto';
import {
  EstablishCouncilUseCase,
  GetCouncilUseCase,
  ListCouncilMeetingsUseCase,
  ListCouncilsUseCase,
  RecordCouncilMeetingUseCase,
  UpdateCouncilMeetingUseCase,
  UpdateCouncilUseCase,
} from './council.usecases';

const IF_MATCH = { name: 'If-Match', required: false, description: 'Quoted version the edit is based on (412 when stale).' };

@ApiTags('councils (協議体 / 地域福祉ネットワーク会議)')
@RegistryReader()
@Controller('councils')
export class CouncilsController {
  constructor(
    private readonly list: ListCouncilsUseCase,
    private readonly get: GetCouncilUseCase,
    private readonly establish: EstablishCouncilUseCase,
    private readonly update: UpdateCouncilUseCase,
    private readonly listMeetings: ListCouncilMeetingsUseCase,
    private readonly recordMeeting: RecordCouncilMeetingUseCase,
    private readonly updateMeeting: UpdateCouncilMeetingUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: PageOf(CouncilView) })
  findAll(@Query() query: CouncilListQuery): Promise<ListPage<CouncilView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: CouncilView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<CouncilView> {
    return this.get.execute(id);
  }

  @RegistryWriter('Council')
  @Post()
  @ApiCreatedResponse({ type: CouncilView })
  create(@Body() command: EstablishCouncilCommand): Promise<CouncilView> {
    return this.establish.execute(command);
  }

  @RegistryWriter('Council')
  @Patch(':id')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CouncilView })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateCouncilCommand, @Headers('if-match') ifMatch?: string): Promise<CouncilView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }

  @Get(':id/meetings')
  @ApiOkResponse({ type: PageOf(CouncilMeetingView) })
  meetings(@Param('id', ParseUUIDPipe) id: string, @Query() query: CouncilMeetingListQuery): Promise<ListPage<CouncilMeetingView>> {
    return this.listMeetings.execute(id, query);
  }

  @RegistryWriter('CouncilMeeting')
  @Post(':id/meetings')
  @ApiCreatedResponse({ type: CouncilMeetingView })
  addMeeting(@Param('id', ParseUUIDPipe) id: string, @Body() command: RecordCouncilMeetingCommand): Promise<CouncilMeetingView> {
    return this.recordMeeting.execute(id, command);
  }

  @RegistryWriter('CouncilMeeting')
  @Patch(':id/meetings/:meetingId')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CouncilMeetingView })
  editMeeting(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() command: UpdateCouncilMeetingCommand,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CouncilMeetingView> {
    return this.updateMeeting.execute(id, meetingId, command, expectedVersion(command.version, ifMatch));
  }
}
