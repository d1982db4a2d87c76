import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { CloudEvent, ConsentEventData } from '@tsunagu/contracts';
import { ConsentCopy } from './consent-copy.entity';

/**
 * Copies intake's consent events (ids and codes) so the consent gate can decide locally. Events of one
 * consent come in stream order (ADR 0016), which may not be the order intake wrote them in (the relay retries a failed
 * publish after later rows): the newest event time wins.
 */
@Injectable()
export class ApplyConsentEventUseCase {
  async execute(em: EntityManager, event: CloudEvent<ConsentEventData>): Promise<void> {
    const data = event.data;
    const at = new Date(event.time);
    let copy = await em.findOne(ConsentCopy, { consentId: data.consentId });
    if (copy && copy.statusAt > at) return;
    if (!copy) {
      copy = new ConsentCopy();
      copy.consentId = data.consentId;
      em.persist(copy);
    }
    copy.personId = data.personId;
    copy.scope = data.scope;
    copy.targetOrganizationIds = [...data.targetOrganizationIds];
    copy.status = data.status;
    copy.statusAt = at;
    await em.flush();
  }
}
