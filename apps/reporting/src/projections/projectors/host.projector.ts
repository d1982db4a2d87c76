import {
  HostRegistered,
  HostUpdated,
  type HostEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { pgArray } from '@tsunagu/platform-persistence';
import { type RecordProjector, type SqlRunner } from '../projection-sql';

/* 参加支援 hosts (受入先): the latest state. */
export const hostProjector: RecordProjector = {
  events: [HostRegistered, HostUpdated],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
    const data = event.data as HostEventData;
    await run(
      `insert into ${t('participation_host')} as h (host_id, municipality, organization_id, host_types, accepts, agreement_status, district_ids, registered_on, state_at, state_event_id)
       values (?, ?, ?, ?::text[], ?::text[], ?, ?::uuid[], ?, ?, ?)
       on conflict (host_id) do update set organization_id = excluded.organization_id, host_types = excluded.host_types, accepts = excluded.accepts, agreement_status = excluded.agreement_status,
         district_ids = excluded.district_ids, registered_on = excluded.registered_on, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (h.state_at, h.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.hostId, lg, data.organizationId, pgArray(data.hostTypes), pgArray(data.accepts), data.agreementStatus, pgArray(data.districtIds), data.registeredOn, at, event.id],
    );
  },
};
