import { Injectable } from '@nestjs/common';
import { raw, type EntityManager } from '@mikro-orm/core';
import { deskAccessSettingsOf, effectiveOrganizationOf, readsCityWide, type DeskAccessSettings } from '@tsunagu/platform-auth';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext, type Principal, type Role } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import type { IntakeConfig } from '../config';

/** A SQL condition with its `?` bindings, in the order they appear. */
export interface SqlPredicate {
  sql: string;
  params: unknown[];
}

/**
 * How far the caller sees people (docs/security/access-model.md): everything (the system itself, city staff in
 * CITY_WIDE_READ_ROLES), or the people their desk (effective organisation) has a relationship with plus the people
 * of their own unexpired emergency accesses.
 */
export type PersonReach = { kind: 'all' } | { kind: 'related'; municipality: string; organizationId: string | null; subject: string };

export function personReachOf(principal: Principal | undefined, settings: DeskAccessSettings): PersonReach {
  if (!principal || readsCityWide(principal, settings)) return { kind: 'all' };
  return { kind: 'related', municipality: principal.municipality, organizationId: effectiveOrganizationOf(principal, settings) ?? null, subject: principal.subject };
}

/** Whether the person in `personId` (an SQL expression) is a member of a household, by the GIN index on members. */
const householdMember = (household: string, personId: string): string => `${household}.members @> jsonb_build_array(jsonb_build_object('personId', ${personId}::text))`;

/** A case about the person: the person is its key person or a member of its household. */
const caseAboutPerson = (kase: string, personId: string): string =>
  `(${kase}.key_person_id = ${personId} or exists (select 1 from "intake"."household" ch where ch.id = ${kase}.household_id and ${householdMember('ch', personId)}))`;

/**
 * The one place the relationships of an organisation with a person are written down, as an `exists` predicate
 * over `personId` (an SQL expression such as `p0.id`), so every list filters in the database before paging:
 * - a consultation received at the organisation about the person (not 取消);
 * - the organisation registered the person;
 * - a referral about the person from the organisation, or to it unless declined (不受理) or resting on a consent
 *   that has since been withdrawn (撤回);
 * - the organisation coordinates, leads or is a member of an open case about the person (終結 ends it);
 * - the organisation convenes or attends a meeting (支援会議 / 重層的支援会議, not 中止) with such a case on the agenda;
 * - the caller's own emergency access (break-glass) to the person that has not expired (the subject's, not the desk's).
 */
export function visiblePersonPredicate(reach: PersonReach, personId: string, personRow?: string): SqlPredicate | null {
  if (reach.kind === 'all') return null;
  const m = reach.municipality;
  const own = `exists (select 1 from "intake"."emergency_access" ea where ea.municipality = ? and ea.person_id = ${personId} and ea.actor = ? and ea.expires_at > now())`;
  if (reach.organizationId === null) return { sql: `(${own})`, params: [m, reach.subject] };
  const org = reach.organizationId;
  // On the person table itself the registering desk is a column of the row: as `exists` over its own table the planner
  // hashed every person of the municipality whenever a search matched thousands (issue 14: 182 ms + 427 ms → 0.4 + 26 ms).
  const registered = personRow
    ? `(${personRow}.municipality = ? and ${personRow}.registered_by_organization = ?)`
    : `exists (select 1 from "intake"."person" rp where rp.id = ${personId} and rp.municipality = ? and rp.registered_by_organization = ?)`;
  const clauses: SqlPredicate[] = [
    { sql: registered, params: [m, org] },
    {
      sql: `exists (select 1 from "intake"."consultation" rc where rc.municipality = ? and rc.person_id = ${personId} and rc.receiving_organization_id = ? and rc.status <> 'cancelled')`,
      params: [m, org],
    },
    {
      sql:
        `exists (select 1 from "intake"."referral" rr where rr.municipality = ? and rr.person_id = ${personId} and (rr.from_organization_id = ? or (rr.to_organization_id = ? and rr.status <> 'declined'` +
        ` and (rr.consent_id is null or exists (select 1 from "intake"."consent" rk where rk.id = rr.consent_id and rk.status = 'obtained' and rk.withdrawn_at is null)))))`,
      params: [m, org, org],
    },
    {
      sql:
        `exists (select 1 from "intake"."multi_agency_case" mc where mc.municipality = ? and mc.status <> 'closed'` +
        ` and (mc.coordinator_organization_id = ? or mc.lead_organization_id = ? or mc.member_organization_ids @> array[?]::text[]) and ${caseAboutPerson('mc', personId)})`,
      params: [m, org, org, org],
    },
    {
      sql:
        `exists (select 1 from "intake"."meeting" mt join "intake"."multi_agency_case" mtc on mt.cases @> jsonb_build_array(jsonb_build_object('caseId', mtc.id::text))` +
        ` where mt.municipality = ? and mt.status <> 'cancelled' and (mt.convener_organization_id = ? or mt.attendees @> jsonb_build_array(jsonb_build_object('organizationId', ?::text)))` +
        ` and ${caseAboutPerson('mtc', personId)})`,
      params: [m, org, org],
    },
    { sql: own, params: [m, reach.subject] },
  ];
  return { sql: `(${clauses.map((clause) => clause.sql).join(' or ')})`, params: clauses.flatMap((clause) => clause.params) };
}

function consultationPredicate(reach: Extract<PersonReach, { kind: 'related' }>, alias: string): SqlPredicate {
  const person = visiblePersonPredicate(reach, `${alias}.person_id`) as SqlPredicate;
  return {
    sql:
      `(${alias}.receiving_organization_id = ? or (${alias}.person_id is not null and ${person.sql})` +
      ` or exists (select 1 from "intake"."referral" kr where kr.consultation_id = ${alias}.id and (kr.from_organization_id = ? or (kr.to_organization_id = ? and kr.status <> 'declined'))))`,
    params: [reach.organizationId, ...person.params, reach.organizationId, reach.organizationId],
  };
}

function casePredicate(reach: Extract<PersonReach, { kind: 'related' }>, alias: string): SqlPredicate {
  const person = visiblePersonPredicate(reach, `${alias}.key_person_id`) as SqlPredicate;
  return {
    sql: `(${alias}.coordinator_organization_id = ? or ${alias}.lead_organization_id = ? or ${alias}.member_organization_ids @> array[?]::text[] or ${person.sql})`,
    params: [reach.organizationId, reach.organizationId, reach.organizationId, ...person.params],
  };
}

/** A MikroORM filter entry `{ [raw(exists …)]: true }`; `$ALIAS` in the predicate stands for the queried table's alias. */
export function visibleFilter(predicate: SqlPredicate): object {
  return { [raw((alias: string) => predicate.sql.replaceAll('$ALIAS', alias), predicate.params)]: true };
}

type Rows = { id: string }[];
const run = (em: EntityManager, sql: string, params: unknown[]): Promise<Rows> => em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<Rows>;

/** Roles that may open a person's record by emergency access (緊急時アクセス): staff who work with people. */
export const EMERGENCY_ACCESS_ROLES: readonly Role[] = ['caseworker', 'supervisor', 'coordinator', 'outreach-worker', 'participation-worker'];

/**
 * The caller's view of people as a service: desk settings from intake's configuration, and the predicate and checks
 * every list and get-by-id uses.
 */
@Injectable()
export class PersonVisibility {
  readonly settings: DeskAccessSettings;

  constructor(@InjectConfig() config: IntakeConfig) {
    this.settings = deskAccessSettingsOf(config);
  }

  reach(principal = TenantContext.principal()): PersonReach {
    return personReachOf(principal, this.settings);
  }

  /** The caller's desk: the organisation whose relationships open people to them (undefined for city staff without a configured desk). */
  organizationOf(principal = TenantContext.principal()): string | undefined {
    return principal ? effectiveOrganizationOf(principal, this.settings) : undefined;
  }

  /** Predicate over `personIdSql`, with `$ALIAS` standing for the queried table's alias; null when the caller sees everyone. */
  predicate(personIdSql: string): SqlPredicate | null {
    return visiblePersonPredicate(this.reach(), personIdSql);
  }

  /** MikroORM filter narrowing the queried entity to visible people through `column` (snake_case); `{}` when nothing is narrowed. */
  filter(column: string): object {
    const predicate = this.predicate(`$ALIAS.${column}`);
    return predicate ? visibleFilter(predicate) : {};
  }

  /** The filter for queries on the person table itself: the same people as `filter('id')`, read from the row where it can. */
  personFilter(): object {
    const predicate = visiblePersonPredicate(this.reach(), '$ALIAS.id', '$ALIAS');
    return predicate ? visibleFilter(predicate) : {};
  }

  /** Narrowing for a query on `table` (the alias is the queried table's): `{}` for callers who see everyone. */
  private narrowed(build: (reach: Extract<PersonReach, { kind: 'related' }>) => SqlPredicate): object {
    const reach = this.reach();
    return reach.kind === 'all' ? {} : visibleFilter(build(reach));
  }

  /** Households: registered by the caller's desk, or with a member (or key person) the caller sees. */
  householdFilter(): object {
    return this.narrowed((reach) => {
      const member = visiblePersonPredicate(reach, `(hm->>'personId')::uuid`) as SqlPredicate;
      const key = visiblePersonPredicate(reach, '$ALIAS.key_person_id') as SqlPredicate;
      return {
        sql: `($ALIAS.registered_by_organization = ? or exists (select 1 from jsonb_array_elements($ALIAS.members) hm where ${member.sql}) or ($ALIAS.key_person_id is not null and ${key.sql}))`,
        params: [reach.organizationId, ...member.params, ...key.params],
      };
    });
  }

  /** Consultations: received at the caller's desk, about a person the caller sees, or referred to or from the desk (not declined). */
  consultationFilter(): object {
    return this.narrowed((reach) => consultationPredicate(reach, '$ALIAS'));
  }

  /** Referrals: to or from the caller's desk, or about a person the caller sees. */
  referralFilter(): object {
    return this.narrowed((reach) => {
      const person = visiblePersonPredicate(reach, '$ALIAS.person_id') as SqlPredicate;
      return {
        sql: `($ALIAS.from_organization_id = ? or $ALIAS.to_organization_id = ? or ($ALIAS.person_id is not null and ${person.sql}))`,
        params: [reach.organizationId, reach.organizationId, ...person.params],
      };
    });
  }

  /** Cases: the caller's desk coordinates, leads or is a member (open or closed), or the key person is visible to the caller. */
  caseFilter(): object {
    return this.narrowed((reach) => casePredicate(reach, '$ALIAS'));
  }

  /** Records that belong to a case (plans, evaluations) through `column`: the case is visible. */
  caseRecordFilter(column: string): object {
    return this.narrowed((reach) => {
      const visible = casePredicate(reach, 'vc');
      return { sql: `exists (select 1 from "intake"."multi_agency_case" vc where vc.id = $ALIAS.${column} and ${visible.sql})`, params: visible.params };
    });
  }

  /** Progress notes: of a visible case or of a visible consultation. */
  noteFilter(): object {
    return this.narrowed((reach) => {
      const kase = casePredicate(reach, 'nc');
      const consultation = consultationPredicate(reach, 'nk');
      return {
        sql:
          `(exists (select 1 from "intake"."multi_agency_case" nc where nc.id = $ALIAS.case_id and ${kase.sql})` +
          ` or exists (select 1 from "intake"."consultation" nk where nk.id = $ALIAS.consultation_id and ${consultation.sql}))`,
        params: [...kase.params, ...consultation.params],
      };
    });
  }

  /** Meetings: convened or attended by the caller's desk. */
  meetingFilter(): object {
    return this.narrowed((reach) => ({
      sql: `($ALIAS.convener_organization_id = ? or $ALIAS.attendees @> jsonb_build_array(jsonb_build_object('organizationId', ?::text)))`,
      params: [reach.organizationId, reach.organizationId],
    }));
  }

  /** The ids of `personIds` the caller may see, in one query. */
  async visibleIds(em: EntityManager, personIds: readonly (string | null | undefined)[]): Promise<Set<string>> {
    const ids = [...new Set(personIds.filter((id): id is string => typeof id === 'string'))];
    if (ids.length === 0) return new Set();
    const predicate = visiblePersonPredicate(this.reach(), 'p.id', 'p');
    if (!predicate) return new Set(ids);
    const rows = await run(em, `select p.id from "intake"."person" p where p.id = any(?::uuid[]) and ${predicate.sql}`, [`{${ids.join(',')}}`, ...predicate.params]);
    return new Set(rows.map((row) => row.id));
  }

  /** One record by id through a filter of this class, or the same 404 as for a record that does not exist. */
  async findVisible<T extends object>(em: EntityManager, entity: new () => T, label: string, id: string, filter: object): Promise<T> {
    const found = await em.findOne(entity, { $and: [{ id }, filter] } as never);
    if (!found) throw personNotVisible(label, id);
    return found;
  }

  /** People named in a request must be visible to the caller; others read as unknown ids (400 naming the field), like missing ones. */
  async assertVisibleReferences(em: EntityManager, personIds: readonly (string | null | undefined)[], field: string): Promise<void> {
    const wanted = [...new Set(personIds.filter((id): id is string => typeof id === 'string'))];
    const visible = await this.visibleIds(em, wanted);
    const missing = wanted.filter((id) => !visible.has(id));
    if (missing.length > 0) throw DomainException.invalidField(field, `unknown id(s): ${missing.join(', ')}`);
  }

  /** 404 (never 403) when the person is outside the caller's reach, so ids cannot be probed. */
  async assertVisible(em: EntityManager, personId: string, resource = 'Person', id = personId): Promise<void> {
    if (!(await this.visibleIds(em, [personId])).has(personId)) throw personNotVisible(resource, id);
  }
}

/** The constant not-found answer for a record outside the caller's reach: the same as for one that does not exist. */
export function personNotVisible(resource: string, id: string): DomainException {
  return DomainException.notFound(resource, id);
}
