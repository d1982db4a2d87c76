import { Injectable } from '@nestjs/common';
import { raw, type EntityManager } from '@mikro-orm/core';
import { deskAccessSettingsOf, effectiveOrganizationOf, readsCityWide, type DeskAccessSettings } from '@tsunagu/platform-auth';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext, type Principal, type Role } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { pgArray, sqlRows, type SqlPredicate } from '@tsunagu/platform-persistence';
import type { IntakeConfig } from '../config';

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

/**
 * The people an organisation has a relationship with, as an SQL predicate over `personId` (an SQL expression such as
 * `p0.id`), so every list filters in the database before paging. The relationships themselves — a consultation
 * received at the organisation (not 取消), the person registered by it, a referral from it or to it (unless 不受理
 * or resting on a withdrawn consent), an open case it coordinates, leads or is a member of, a meeting it convenes or
 * attends with such a case on the agenda — are written down once, in the database function
 * `intake.refresh_person_desks` (Migration20261208090000, ADR 0020), and kept as rows of `intake.person_desk` by
 * triggers in the transaction that changes them: a query looks one row up instead of PostgreSQL planning five
 * `exists` over seven tables on every statement. The caller's own emergency access (break-glass) that has not expired
 * is checked here, as it ends with time rather than with a write (the subject's, not the desk's).
 */
export function visiblePersonPredicate(reach: PersonReach, personId: string, personRow?: string): SqlPredicate | null {
  if (reach.kind === 'all') return null;
  const own = `exists (select 1 from "intake"."emergency_access" ea where ea.municipality = ? and ea.person_id = ${personId} and ea.actor = ? and ea.expires_at > now())`;
  if (reach.organizationId === null) return { sql: `(${own})`, params: [reach.municipality, reach.subject] };
  const org = reach.organizationId;
  const desk = `exists (select 1 from "intake"."person_desk" pd where pd.person_id = ${personId} and pd.organization_id = ?)`;
  // On the person table itself the registering desk is a column of the row, checked first: a desk that registered most
  // people (the city's) then never reads the relation for them.
  if (personRow) {
    return {
      sql: `((${personRow}.municipality = ? and ${personRow}.registered_by_organization = ?) or ${desk} or ${own})`,
      params: [reach.municipality, org, org, reach.municipality, reach.subject],
    };
  }
  return { sql: `(${desk} or ${own})`, params: [org, reach.municipality, reach.subject] };
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
    const predicate = this.personPredicate();
    return predicate ? visibleFilter(predicate) : {};
  }

  /** personFilter as an SQL condition over `$ALIAS` (the person table); null when the caller sees everyone. */
  personPredicate(): SqlPredicate | null {
    return visiblePersonPredicate(this.reach(), '$ALIAS.id', '$ALIAS');
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
    const rows = await sqlRows<{ id: string }>(em, `select p.id from "intake"."person" p where p.id = any(?::uuid[]) and ${predicate.sql}`, [pgArray(ids), ...predicate.params]);
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
