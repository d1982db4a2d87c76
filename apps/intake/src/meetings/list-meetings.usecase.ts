import { Injectable } from '@nestjs/common';
import { EntityManager, raw, type FilterQuery } from '@mikro-orm/core';
import { recordCaseSubjects } from '../access/case-subjects';
import { PersonVisibility } from '../access/person-visibility';
import { paging } from '@tsunagu/platform-http';
import { listPage, type ListPage } from '@tsunagu/platform-persistence';
import { Meeting } from './meeting.entity';
import type { MeetingListQuery, MeetingView } from './meeting.dto';
import { loadAcknowledgements } from './meeting-access';
import { findVisibleMeeting, meetingView } from './meeting.view';

@Injectable()
export class ListMeetingsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  async execute(query: MeetingListQuery): Promise<ListPage<MeetingView>> {
    const page = paging(query, ['heldAt', 'createdAt', 'status', 'id'], '-heldAt');
    // Narrowed in the query, before paging: meetings the caller's desk convenes or attends, and the agenda's case.
    const and: FilterQuery<Meeting>[] = [{ legalType: query.legalType, status: query.status }, this.people.meetingFilter()];
    if (query.caseId) and.push({ [raw((alias: string) => `${alias}.cases @> jsonb_build_array(jsonb_build_object('caseId', ?::text))`, [query.caseId])]: true });
    const [shown, total] = await this.em.findAndCount(Meeting, { $and: and }, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    const acknowledgements = await loadAcknowledgements(this.em, shown.map((meeting) => meeting.id));
    await recordCaseSubjects(this.em, shown.flatMap((meeting) => meeting.cases.map((item) => item.caseId)));
    return listPage(shown.map((meeting) => meetingView(meeting, acknowledgements.get(meeting.id) ?? [])), total, page);
  }

  async get(id: string): Promise<MeetingView> {
    const meeting = await findVisibleMeeting(this.em, id, this.people);
    await recordCaseSubjects(this.em, meeting.cases.map((item) => item.caseId));
    return meetingView(meeting, (await loadAcknowledgements(this.em, [meeting.id])).get(meeting.id) ?? []);
  }
}
