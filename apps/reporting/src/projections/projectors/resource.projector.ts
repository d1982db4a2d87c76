import {
  ResourcePublished,
  ResourceRegistered,
  ResourceResumed,
  ResourceRetired,
  ResourceSuspended,
  ResourceUpdated,
  ResourceVerified,
  type ResourceEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { pgArray } from '@tsunagu/platform-persistence';
import { type RecordProjector, type SqlRunner } from '../projection-sql';

/* Registry resources: one fact per event, so reports can answer "as of a date". */
export const resourceProjector: RecordProjector = {
  events: [ResourceRegistered, ResourceUpdated, ResourcePublished, ResourceSuspended, ResourceResumed, ResourceRetired, ResourceVerified],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
    const data = event.data as ResourceEventData;
    await run.atCommit(
      `insert into ${t('resource_fact')} (event_id, municipality, resource_id, occurred_at, status, category, insurance_scheme, public, district_ids) values (?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[])`,
      [event.id, lg, data.resourceId, at, data.status, data.category, data.insuranceScheme, data.public, pgArray(data.districtIds)],
    );
  },
};
