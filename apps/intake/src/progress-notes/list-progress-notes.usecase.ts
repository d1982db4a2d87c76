import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { recordScopeOf } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException, listPage, paging, type ListPage, findOrFail } from '@tsunagu/platform-http';
import { findVisibleCase } from '../cases/case.view';
import { NoteVisibility } from './note-visibility';
import { ProgressNote } from './progress-note.entity';
import type { ProgressNoteListQuery, ProgressNoteView } from './progress-note.dto';
import { progressNoteView } from './progress-note.view';

@Injectable()
export class ListProgressNotesUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly visibility: NoteVisibility,
  ) {}

  async execute(query: ProgressNoteListQuery): Promise<ListPage<ProgressNoteView>> {
    const page = paging(query, ['occurredAt', 'createdAt', 'id'], '-occurredAt');
    const principal = TenantContext.principal();
    const agency = principal !== undefined && recordScopeOf(principal) === 'agency';
    if (agency) {
      // Agencies read notes case by case, and only of cases their organisation has a role in.
      if (!query.caseId || query.consultationId) throw DomainException.invalidField('caseId', 'agency callers list the notes of one case (caseId)');
      await findVisibleCase(this.em, query.caseId);
    }
    const where = { caseId: query.caseId, consultationId: query.consultationId, legalBasis: query.legalBasis };
    if (!agency) {
      const [items, total] = await this.em.findAndCount(ProgressNote, where, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
      return listPage(items.map(progressNoteView), total, page);
    }
    const visible = await this.visibility.filter(this.em, await this.em.find(ProgressNote, where, { orderBy: page.orderBy }));
    return listPage(visible.slice(page.offset, page.offset + page.limit).map(progressNoteView), visible.length, page);
  }

  async get(id: string): Promise<ProgressNoteView> {
    const note = await findOrFail(this.em, ProgressNote, 'ProgressNote', id);
    const [visible] = await this.visibility.filter(this.em, [note]);
    if (!visible) throw DomainException.notFound('ProgressNote', id);
    return progressNoteView(note);
  }
}
