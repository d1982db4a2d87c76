import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { ROLES } from '@tsunagu/platform-context';
import { PageOf } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { StaffListQuery, StaffMemberView } from './staff.dto';
import { GetStaffMemberUseCase, ListStaffUseCase, RecordStaffSignInUseCase } from './staff.usecases';

/**
 * 職員名簿 (issue 15): who the login subjects on records are. Every role signs in and reads it (a meeting's chair, a
 * plan's author or a watcher is shown by name to whoever sees the record); machine clients get 403 on sign-in.
 */
@ApiTags('staff (職員名簿)')
@Controller('staff')
@Roles(...ROLES)
@Audited('StaffMember')
export class StaffController {
  constructor(
    private readonly signIn: RecordStaffSignInUseCase,
    private readonly list: ListStaffUseCase,
    private readonly get: GetStaffMemberUseCase,
  ) {}

  @Post('me')
  @HttpCode(200)
  @AuditedAction('update')
  @ApiOperation({
    summary: 'Enter or refresh the caller in the staff directory from their own access token (display name from the `name` claim, desk from `agency`)',
    description: 'The console calls this once per sign-in. Nothing is read from the body. A token without `name` gets 400 naming `name`; a machine client 403.',
  })
  @ApiOkResponse({ type: StaffMemberView })
  me(): Promise<StaffMemberView> {
    return this.signIn.execute();
  }

  @Get()
  @ApiOperation({ summary: 'Search the staff directory by name or login (q), or read the names of up to 100 subjects (subjects=a,b)' })
  @ApiOkResponse({ type: PageOf(StaffMemberView) })
  findAll(@Query() query: StaffListQuery): Promise<ListPage<StaffMemberView>> {
    return this.list.execute(query);
  }

  @Get(':subject')
  @ApiOperation({ summary: 'One member of staff by login subject' })
  @ApiOkResponse({ type: StaffMemberView })
  findOne(@Param('subject') subject: string): Promise<StaffMemberView> {
    return this.get.execute(subject);
  }
}
