import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { CloudEvent, ResourceEventData } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { executeWithCommit, pgArray, sqlTableName } from '@tsunagu/platform-persistence';
import { v7 as uuidv7 } from 'uuid';
import { Host } from '../hosts/host.entity';
import { Opportunity } from './opportunity.entity';
import { menuStatusOfResource, resourceTerms, resourceTitle } from './resource-terms';

/**
 * Keeps the opportunity copy of a registry community resource fresh (registered / updated / published /
 * suspended / resumed / retired / verified all carry the full coded state). A suspended or retired resource
 * stops being suggested at once; terms staff or hosts added (schedule slots, seats, accommodations) stay.
 * Runs inside the transport's inbox transaction (`em`), so the change and the inbox row commit together.
 *
 * One statement per event (issue 14: every registered resource passes through here, and the copy was three round
 * trips and an entity flush — as much CPU per event as the registry's create itself): insert the copy with the
 * category's terms, or update what the event carries on the existing one.
 */
@Injectable()
export class SyncResourceUseCase {
  async execute(em: EntityManager, event: CloudEvent<ResourceEventData>): Promise<void> {
    const data = event.data;
    const terms = resourceTerms(data.category);
    const municipality = TenantContext.requireMunicipality();
    // No lock per resource: a resource's events come one at a time, in stream order, through matching__from__registry
    // (ADR 0016), so registered and published never race to insert the copy; a redelivery of the same event waits on
    // its inbox row. Stream order is the relay's publishing order, though, which is not always the order the registry
    // wrote them in (a publish that failed is retried after the rows behind it; replicas publish their batches side by
    // side): an older state arriving after a newer one changes nothing (the `where` of the update).
    //
    // The district: the one the copy has while the resource still names it (staff may have chosen it among several),
    // else the resource's first (its only one, when it names one). The host: this service's host of the organisation, if any.
    const [opportunity, host] = [sqlTableName(em, Opportunity), sqlTableName(em, Host)];
    const upsert = `insert into ${opportunity} as o (id, municipality, source, resource_id, title, purposes, activity_tags, sessions, accommodations, physical_load,
         volunteer_insurance, resource_category, resource_status, resource_event_at, status, organization_id, district_id, host_id)
       values (?, ?, 'registry-resource', ?, ?, ?::text[], ?::text[], '[]', '{}', ?,
         true, ?, ?, ?, ?, ?::uuid, ?::uuid, (select h.id from ${host} h where h.municipality = ? and h.organization_id = ?::uuid))
       on conflict (municipality, resource_id) do update set
         resource_category = excluded.resource_category, resource_status = excluded.resource_status, resource_event_at = excluded.resource_event_at,
         status = excluded.status, organization_id = excluded.organization_id, host_id = excluded.host_id,
         district_id = case when o.district_id = any(?::uuid[]) then o.district_id else excluded.district_id end,
         updated_at = now(), version = o.version + 1
       where o.resource_event_at is null or o.resource_event_at <= excluded.resource_event_at`;
    const values = [
      uuidv7(),
      municipality,
      data.resourceId,
      resourceTitle(data.category),
      pgArray(terms.purposes),
      pgArray(terms.activityTags),
      terms.physicalLoad,
      data.category,
      data.status,
      new Date(event.time),
      menuStatusOfResource(data.status, data.public),
      data.organizationId ?? null,
      data.districtIds[0] ?? null,
      municipality,
      data.organizationId ?? null,
      pgArray(data.districtIds),
    ];
    // Nothing reads the upsert's result: it travels with the inbox transaction's COMMIT (ADR 0023), one round trip fewer.
    await executeWithCommit(em, upsert, values);
  }
}
