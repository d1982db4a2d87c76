import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { recordFilterOf } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { listPage, paging, type ListPage } from '@tsunagu/platform-http';
import { Meeting } from './meeting.entity';
import type { MeetingListQuery, MeetingView } from './meeting.dto';
import { loadAcknowledgements } from './meeting-access';
import { attendeeOrganizationIds, findVisibleMeeting, meetingView } from './meeting.view';

@Injectable()
export class ListMeetingsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: MeetingListQuery): Promise<ListPage<MeetingView>> {
    const page = paging(query, ['heldAt', 'createdAt', 'status', 'id'], '-heldAt');
    const where: FilterQuery<Meeting> = { legalType: query.legalType, status: query.status };
    const principal = TenantContext.principal();
    const scope = principal ? recordFilterOf(principal) : { scope: 'municipality' as const };
    // Few meetings per municipality and JSON attendee lists: narrow in memory after the tenant filter.
    const all = await this.em.find(Meeting, where, { orderBy: page.orderBy });
    const visible = all.filter(
      (meeting) =>
        (scope.scope !== 'agency' || attendeeOrganizationIds(meeting).includes(scope.agency)) &&
        (!query.caseId || meeting.cases.some((item) => item.caseId === query.caseId)),
    );
    const shown = visible.slice(page.offset, page.offset + page.limit);
    const acknowledgements = await loadAcknowledgements(this.em, shown.map((meeting) => meeting.id));
    return listPage(shown.map((meeting) => meetingView(meeting, acknowledgements.get(meeting.id) ?? [])), visible.length, page);
  }

  async get(id: string): Promise<MeetingView> {
    const meeting = await findVisibleMeeting(this.em, id);
    return meetingView(meeting, (await loadAcknowledgements(this.em, [meeting.id])).get(meeting.id) ?? []);
  }
}
