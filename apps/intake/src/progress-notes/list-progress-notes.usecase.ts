import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPage, type ListPage } from '@tsunagu/platform-persistence';
import { recordCaseSubjects } from '../access/case-subjects';
import { PersonVisibility } from '../access/person-visibility';
import { findVisibleCase } from '../cases/case.view';
import { Consultation } from '../consultations/consultation.entity';
import { NoteVisibility } from './note-visibility';
import { ProgressNote } from './progress-note.entity';
import type { ProgressNoteListQuery, ProgressNoteView } from './progress-note.dto';

@Injectable()
export class ListProgressNotesUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly visibility: NoteVisibility,
    private readonly people: PersonVisibility,
  ) {}

  async execute(query: ProgressNoteListQuery): Promise<ListPage<ProgressNoteView>> {
    const page = paging(query, ['occurredAt', 'createdAt', 'id'], '-occurredAt');
    // A case or consultation outside the caller's reach answers 404, as reading it would.
    if (query.caseId) await findVisibleCase(this.em, query.caseId, this.people);
    if (query.consultationId) await this.people.findVisible(this.em, Consultation, 'Consultation', query.consultationId, this.people.consultationFilter());
    // Notes of visible cases and consultations, narrowed in the query before paging; the text of each is then shown or withheld by its basis.
    const where: FilterQuery<ProgressNote> = { $and: [{ caseId: query.caseId, consultationId: query.consultationId, legalBasis: query.legalBasis }, this.people.noteFilter()] };
    const [items, total] = await this.em.findAndCount(ProgressNote, where, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    await recordCaseSubjects(this.em, items.map((note) => note.caseId), items.map((note) => note.consultationId));
    return listPage(await this.visibility.views(this.em, items), total, page);
  }

  async get(id: string): Promise<ProgressNoteView> {
    const note = await this.people.findVisible(this.em, ProgressNote, 'ProgressNote', id, this.people.noteFilter());
    await recordCaseSubjects(this.em, [note.caseId], [note.consultationId]);
    const [view] = await this.visibility.views(this.em, [note]);
    return view;
  }
}
