import { Migration } from '@mikro-orm/migrations';
// eslint-disable-next-line no-restricted-imports -- a data migration that publishes events: event contracts only grow compatibly (docs/architecture.md, events), so today's contract still accepts what it publishes.
import { assertEventData, HouseholdUpdated, PersonProtectionChanged, type EventContract, type HouseholdEventData, type PersonProtectionEventData } from '@tsunagu/contracts';
import { v7 as uuidv7 } from 'uuid';

interface HouseholdRow {
  id: string;
  municipality: string;
  key_person_id: string | null;
  members: { personId: string; careEdges?: { kind: HouseholdEventData['careEdgeKinds'][number] }[] }[];
}

/**
 * Announces the DV address protections recorded before intake published them (person.protection-changed), and
 * re-publishes the households of protected people without their district, through the outbox like any event: the
 * services that mask (outreach, matching) and reporting learn of people protected before this release.
 */
export class Migration20261203090000 extends Migration {
  override async up(): Promise<void> {
    const people = (await this.execute(`select id, municipality from "intake"."person" where dv_address_protection order by id`)) as { id: string; municipality: string }[];
    if (people.length === 0) return;
    const households = (await this.execute(
      `select id, municipality, key_person_id, members from "intake"."household" h
        where exists (select 1 from "intake"."person" p where p.dv_address_protection and h.members @> jsonb_build_array(jsonb_build_object('personId', p.id::text)))
        order by id`,
    )) as HouseholdRow[];
    for (const person of people) {
      const householdIds = households.filter((household) => household.members.some((member) => member.personId === person.id)).map((household) => household.id);
      await this.outbox(PersonProtectionChanged, person.id, person.municipality, { personId: person.id, householdIds, protections: ['dv-address'] } satisfies PersonProtectionEventData);
    }
    for (const household of households) {
      await this.outbox(HouseholdUpdated, household.id, household.municipality, {
        householdId: household.id,
        keyPersonId: household.key_person_id,
        memberPersonIds: household.members.map((member) => member.personId),
        districtId: null,
        districtWithheld: true,
        careEdgeKinds: [...new Set(household.members.flatMap((member) => (member.careEdges ?? []).map((edge) => edge.kind)))],
      } satisfies HouseholdEventData);
    }
  }

  override async down(): Promise<void> {
    // Published events are facts; nothing to undo.
  }

  private async outbox<T>(contract: EventContract<T>, aggregateId: string, municipality: string, data: T): Promise<void> {
    assertEventData(contract, data);
    await this.execute(
      `insert into "intake"."outbox_event" ("id", "type", "source", "subject", "aggregate_id", "municipality", "data", "created_at") values (?, ?, ?, ?, ?, ?, ?::jsonb, now())`,
      [uuidv7(), contract.type, contract.source, contract.subject, aggregateId, municipality, JSON.stringify(data)],
    );
  }
}
