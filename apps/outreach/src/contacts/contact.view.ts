import { isSuccessfulContact } from '@tsunagu/contracts';
import type { ContactView } from './contact.dto';
import type { OutreachContact } from './outreach-contact.entity';

export function contactView(contact: OutreachContact): ContactView {
  return {
    id: contact.id,
    targetId: contact.targetId,
    contactedAt: contact.contactedAt.toISOString(),
    method: contact.method,
    result: contact.result,
    successful: isSuccessfulContact(contact.result),
    observations: [...contact.observations],
    observationNote: contact.observationNote,
    accompaniedBy: contact.accompaniedBy.map((companion) => ({ ...companion })),
    nextAction: contact.nextAction,
    nextDueOn: contact.nextDueOn,
    legalBasis: contact.legalBasis,
    recordedBy: contact.recordedBy,
  };
}
