import { Body, Controller, Get, Module, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { OUTREACH_STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import { ContactListQuery, ContactView, LogContactCommand } from './contact.dto';
import { ListContactsUseCase } from './list-contacts.usecase';
import { LogContactUseCase } from './log-contact.usecase';

@ApiTags('contacts (訪問・接触記録)')
@Controller('targets/:targetId/contacts')
@Roles(...OUTREACH_STAFF_AND_AGENCY_ROLES)
@Audited('OutreachContact', { idParam: 'targetId' })
export class ContactsController {
  constructor(
    private readonly list: ListContactsUseCase,
    private readonly log: LogContactUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: PageOf(ContactView) })
  findAll(@Param('targetId', ParseUUIDPipe) targetId: string, @Query() query: ContactListQuery): Promise<ListPage<ContactView>> {
    return this.list.execute(targetId, query);
  }

  @Post()
  @ApiOperation({ summary: 'Log a contact attempt; a successful one (面談できた / 短時間会話) clears the inactivity alert' })
  @ApiCreatedResponse({ type: ContactView })
  @ApiConflictResponse({ description: 'The target is closed (終結).' })
  create(@Param('targetId', ParseUUIDPipe) targetId: string, @Body() command: LogContactCommand): Promise<ContactView> {
    return this.log.execute(targetId, command);
  }
}

/** The contact log (訪問・接触記録). */
@Module({ controllers: [ContactsController], providers: [ListContactsUseCase, LogContactUseCase], exports: [LogContactUseCase] })
export class ContactsModule {}
