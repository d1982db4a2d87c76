import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { CloudEvent, ResourceEventData } from '@tsunagu/contracts';
import { Host } from '../hosts/host.entity';
import { Opportunity } from './opportunity.entity';
import { menuStatusOfResource, resourceTerms, resourceTitle } from './resource-terms';

/**
 * Keeps the opportunity copy of a registry community resource fresh (registered / updated / published /
 * suspended / resumed / retired / verified all carry the full coded state). A suspended or retired resource
 * stops being suggested at once; terms staff or hosts added (schedule slots, seats, accommodations) stay.
 * Runs inside the transport's inbox transaction (`em`), so the change and the inbox row commit together.
 */
@Injectable()
export class SyncResourceUseCase {
  async execute(em: EntityManager, event: CloudEvent<ResourceEventData>): Promise<void> {
    const data = event.data;
    const at = new Date(event.time);
    // No lock per resource: a resource's events come one at a time, in stream order, through matching__from__registry
    // (ADR 0016), so registered and published never race to insert the copy; a redelivery of the same event waits on
    // its inbox row. Stream order is the relay's publishing order, though, which is not always the order the registry
    // wrote them in (a publish that failed is retried after the rows behind it; replicas publish their batches side by
    // side): an older state arriving after a newer one still changes nothing.
    let opportunity = await em.findOne(Opportunity, { resourceId: data.resourceId });
    if (opportunity?.resourceEventAt && opportunity.resourceEventAt > at) return; // an older event arriving late
    if (!opportunity) {
      opportunity = new Opportunity();
      opportunity.source = 'registry-resource';
      opportunity.resourceId = data.resourceId;
      opportunity.title = resourceTitle(data.category);
      const terms = resourceTerms(data.category);
      opportunity.purposes = terms.purposes;
      opportunity.activityTags = terms.activityTags;
      opportunity.physicalLoad = terms.physicalLoad;
      // Mutual-aid activities are covered by the 社協's volunteer insurance as a rule; staff correct it per menu.
      opportunity.volunteerInsurance = true;
      em.persist(opportunity);
    }
    opportunity.resourceCategory = data.category;
    opportunity.resourceStatus = data.status;
    opportunity.resourceEventAt = at;
    opportunity.status = menuStatusOfResource(data.status, data.public);
    opportunity.organizationId = data.organizationId;
    opportunity.districtId = data.districtIds.length === 1 ? data.districtIds[0] : (opportunity.districtId && data.districtIds.includes(opportunity.districtId) ? opportunity.districtId : (data.districtIds[0] ?? null));
    if (data.organizationId) {
      const host = await em.findOne(Host, { organizationId: data.organizationId });
      opportunity.hostId = host?.id ?? null;
    } else {
      opportunity.hostId = null;
    }
    await em.flush();
  }
}
