import type { ProgressNote } from './progress-note.entity';
import type { ProgressNoteView } from './progress-note.dto';

export function progressNoteView(note: ProgressNote): ProgressNoteView {
  return {
    id: note.id,
    caseId: note.caseId,
    consultationId: note.consultationId,
    occurredAt: note.occurredAt.toISOString(),
    durationMin: note.durationMin,
    kind: note.kind,
    authorStaff: note.authorStaff,
    authorOrganizationId: note.authorOrganizationId,
    text: note.text,
    legalBasis: note.legalBasis,
    meetingId: note.meetingId,
    withheldFields: [],
  };
}
