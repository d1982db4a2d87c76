import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, plainRows, type ListPage } from '@tsunagu/platform-persistence';
import { searchPatterns } from '@tsunagu/util-japanese-text';
import { PersonVisibility } from '../access/person-visibility';
import { Household } from './household.entity';
import type { HouseholdListQuery, HouseholdView } from './household.dto';
import { householdListViews, householdView } from './household.view';
import { Person } from './person.entity';
import { AddressVisibility } from './person.view';

/** People looked at when a household search matches its members (see householdsOfMembersMatching). */
const MEMBER_SEARCH_LIMIT = 1_000;

@Injectable()
export class ListHouseholdsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly visibility: AddressVisibility,
    private readonly people: PersonVisibility,
  ) {}

  async execute(query: HouseholdListQuery): Promise<ListPage<HouseholdView>> {
    const page = paging(query, ['label', 'createdAt', 'updatedAt', 'id'], '-createdAt');
    const and: FilterQuery<Household>[] = [this.people.householdFilter()];
    if (query.districtId) {
      and.push({ districtId: query.districtId });
      // Nor may the district filter reveal where a DV-protected member lives.
      if (!this.visibility.canSee({ dvAddressProtection: true })) and.push({ id: { $nin: await this.householdsWithProtectedMembers() } });
    }
    if (query.personId) {
      // jsonb containment uses the GIN index; the tenant filter still applies to the final query.
      const rows = await this.em
        .getConnection()
        .execute('select id from "intake"."household" where members @> ?::jsonb', [JSON.stringify([{ personId: query.personId }])]);
      and.push({ id: { $in: (rows as { id: string }[]).map((row) => row.id) } });
    }
    const patterns = searchPatterns(query.q);
    if (patterns.length > 0) {
      // Found by its name, or by a member the caller may see (「サヌキ ケンタ」 finds the household 健太 lives in).
      const byName = { $and: patterns.map((pattern) => ({ searchText: { $like: pattern } })) };
      const byMember = await this.householdsOfMembersMatching(patterns);
      and.push(byMember.length > 0 ? { $or: [byName, { id: { $in: byMember } }] } : byName);
    }
    const rows = await listPlainRows(this.em, Household, { $and: and }, page, (household) => household);
    return { ...rows, items: await householdListViews(this.em, rows.items, this.visibility) };
  }

  /**
   * Households with a member whose name or kana matches every pattern, among the people the caller's desk may see (a
   * search never finds a household through a person the desk does not know). At most MEMBER_SEARCH_LIMIT people: a
   * word as common as a family name still finds the households named after it by their own name.
   */
  private async householdsOfMembersMatching(patterns: string[]): Promise<string[]> {
    const visibleMatching: FilterQuery<Person> = { $and: [this.people.personFilter(), ...patterns.map((pattern) => ({ searchText: { $like: pattern } }))] };
    const members = await plainRows(this.em, Person, visibleMatching, { fields: ['id'], limit: MEMBER_SEARCH_LIMIT });
    if (members.length === 0) return [];
    const memberships = members.map((person) => JSON.stringify([{ personId: person.id }]));
    const rows = await this.em
      .getConnection()
      .execute(`select id from "intake"."household" where members @> any (array[${memberships.map(() => '?::jsonb').join(', ')}])`, memberships);
    return (rows as { id: string }[]).map((row) => row.id);
  }

  private async householdsWithProtectedMembers(): Promise<string[]> {
    const protectedIds = (await plainRows(this.em, Person, { dvAddressProtection: true }, { fields: ['id'] })).map((person) => person.id);
    if (protectedIds.length === 0) return [];
    const patterns = protectedIds.map((id) => JSON.stringify([{ personId: id }]));
    const rows = await this.em
      .getConnection()
      .execute(`select id from "intake"."household" where members @> any (array[${patterns.map(() => '?::jsonb').join(', ')}])`, patterns);
    return (rows as { id: string }[]).map((row) => row.id);
  }
}

@Injectable()
export class GetHouseholdUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly visibility: AddressVisibility,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string): Promise<HouseholdView> {
    return householdView(this.em, await this.people.findVisible(this.em, Household, 'Household', id, this.people.householdFilter()), this.visibility);
  }
}
