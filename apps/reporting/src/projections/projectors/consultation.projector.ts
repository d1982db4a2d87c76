import {
  ConsultationCancelled,
  ConsultationClosed,
  ConsultationReceived,
  ConsultationScreeningStarted,
  ConsultationTriaged,
  ConsultationUpdated,
  type ConsultationEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { pgArray } from '@tsunagu/platform-persistence';
import { japanDate, type RecordProjector, type SqlRunner } from '../projection-sql';

/* Intake consultations: the latest state, the receipt day and the household's district. */
export const consultationProjector: RecordProjector = {
  events: [ConsultationReceived, ConsultationUpdated, ConsultationScreeningStarted, ConsultationTriaged, ConsultationClosed, ConsultationCancelled],
  async apply(run: SqlRunner, t: (name: string) => string, contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
    const data = event.data as ConsultationEventData;
    await run(
      `insert into ${t('consultation')} as c (consultation_id, municipality, fiscal_year, received_on, receiving_organization_id, household_id, district_id, district_withheld, route, primary_category, categories, issue_tags, status, disposition, cancelled, jigyo_attribution, pseudonym, state_at, state_event_id)
       values (?, ?, ?, ?, ?, ?, (select district_id from ${t('household')} where household_id = ?), coalesce((select district_withheld from ${t('household')} where household_id = ?), false), ?, ?, ?::text[], ?::text[], ?, ?, ?, ?, ?, ?, ?)
       on conflict (consultation_id) do update set fiscal_year = excluded.fiscal_year, received_on = coalesce(excluded.received_on, c.received_on), receiving_organization_id = excluded.receiving_organization_id, household_id = excluded.household_id,
         district_id = excluded.district_id, district_withheld = excluded.district_withheld, jigyo_attribution = excluded.jigyo_attribution, pseudonym = excluded.pseudonym,
         route = excluded.route, primary_category = excluded.primary_category, categories = excluded.categories, issue_tags = excluded.issue_tags, status = excluded.status,
         disposition = excluded.disposition, cancelled = excluded.cancelled, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (c.state_at, c.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [
        data.consultationId,
        lg,
        data.fiscalYear,
        // 受付日時 as staff entered it (a consultation received on 3/31 and typed on 4/1 counts in March); events
        // published before they carried it are dated by the `received` event's time.
        data.receivedAt ? japanDate(data.receivedAt) : contract === ConsultationReceived ? japanDate(at) : null,
        data.receivingOrganizationId,
        data.householdId,
        // District of its household, or that it is withheld (null / false until the household's event arrives, which then fills them in).
        data.householdId,
        data.householdId,
        data.route,
        data.primaryCategory,
        pgArray(data.categories),
        pgArray(data.issueTags),
        data.status,
        data.disposition,
        data.status === 'cancelled',
        data.jigyoAttribution,
        // Only the pseudonymous key is kept: the person id in the event is dropped here.
        data.personPseudonym ?? null,
        at,
        event.id,
      ],
    );
    // Without receivedAt in the data, the receipt date comes only from `received`, whichever order the events arrive in.
    if (contract === ConsultationReceived && !data.receivedAt) {
      await run(`update ${t('consultation')} set received_on = ? where consultation_id = ?`, [japanDate(at), data.consultationId]);
    }
  },
};
