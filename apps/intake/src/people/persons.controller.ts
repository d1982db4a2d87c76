import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Audited, AuditedAction, subjectsAt } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { KeysetPageOf, etag, expectedVersion } from '@tsunagu/platform-http';
import type { KeysetPage, ListPage, UncountedPage } from '@tsunagu/platform-persistence';
import { STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import { CheckDuplicatesUseCase, GetPersonUseCase, ListPersonsUseCase } from './list-persons.usecase';
import { DuplicateCandidateView, DuplicateCheckQuery, PersonListQuery, PersonView, RegisterPersonCommand, UpdatePersonCommand } from './person.dto';
import { RegisterPersonUseCase } from './register-person.usecase';
import { UpdatePersonUseCase } from './update-person.usecase';

@ApiTags('persons (対象者・世帯員)')
@Controller('persons')
@Roles(...STAFF_AND_AGENCY_ROLES)
@Audited('Person', { subjects: subjectsAt(':id', 'id') })
export class PersonsController {
  constructor(
    private readonly list: ListPersonsUseCase,
    private readonly get: GetPersonUseCase,
    private readonly duplicates: CheckDuplicatesUseCase,
    private readonly register: RegisterPersonUseCase,
    private readonly update: UpdatePersonUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List and search people (q matches kanji, カナ, ｶﾅ and かな alike)' })
  @ApiOkResponse({ type: KeysetPageOf(PersonView) })
  findAll(@Query() query: PersonListQuery): Promise<ListPage<PersonView> | UncountedPage<PersonView> | KeysetPage<PersonView>> {
    return this.list.execute(query);
  }

  @Get('duplicate-candidates')
  @AuditedAction('search')
  @ApiOperation({ summary: 'Existing people with the same kana reading and birth date, or the same phone' })
  @ApiOkResponse({ type: DuplicateCandidateView, isArray: true })
  checkDuplicates(@Query() query: DuplicateCheckQuery): Promise<DuplicateCandidateView[]> {
    return this.duplicates.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PersonView })
  async findOne(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<PersonView> {
    const view = await this.get.execute(id);
    reply.header('etag', etag(view.version));
    return view;
  }

  @Post()
  @ApiOperation({ summary: 'Register a person; answers 409 with `candidates` when possible duplicates exist (resend with confirmNotDuplicate)' })
  @ApiCreatedResponse({ type: PersonView })
  @ApiConflictResponse({ description: 'Possible duplicates: problem+json with `candidates`.' })
  create(@Body() command: RegisterPersonCommand): Promise<PersonView> {
    return this.register.execute(command);
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: false, description: 'Quoted version the edit is based on (412 when stale).' })
  @ApiOkResponse({ type: PersonView })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdatePersonCommand, @Headers('if-match') ifMatch?: string): Promise<PersonView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }
}
