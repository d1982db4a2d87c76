import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { plainListOrKeyset, SqlConditions, type KeysetPage, type ListPage, type SqlPredicate, type UncountedPage } from '@tsunagu/platform-persistence';
import { searchPatterns } from '@tsunagu/util-japanese-text';
import { PersonVisibility, personNotVisible } from '../access/person-visibility';
import { findDuplicateCandidates } from './find-duplicates';
import { Person } from './person.entity';
import type { DuplicateCandidateView, DuplicateCheckQuery, PersonListQuery, PersonView } from './person.dto';
import { AddressVisibility } from './person.view';

@Injectable()
export class ListPersonsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly visibility: AddressVisibility,
    private readonly people: PersonVisibility,
  ) {}

  async execute(query: PersonListQuery): Promise<ListPage<PersonView> | UncountedPage<PersonView> | KeysetPage<PersonView>> {
    const page = () => paging(query, ['familyNameKana', 'birthDate', 'createdAt', 'updatedAt', 'id'], '-createdAt');
    // The desks search all day: the conditions are written as SQL, not built by the query builder per search (ADR 0022).
    // Only people the caller's desk has a relationship with (or everyone, for city-wide roles), before paging.
    const desk = this.people.personPredicate();
    const and: SqlPredicate[] = desk ? [desk] : [];
    if (query.ids) and.push(query.ids.length > 0 ? { sql: '$ALIAS.id in (?)', params: [query.ids] } : { sql: 'false', params: [] });
    if (query.birthDate) and.push({ sql: '$ALIAS.birth_date = ?', params: [query.birthDate] });
    if (query.districtId) {
      and.push({ sql: '$ALIAS.district_id = ?', params: [query.districtId] });
      // A masked district is not searchable by those who may not see it.
      if (!this.visibility.canSee({ dvAddressProtection: true })) and.push({ sql: '$ALIAS.dv_address_protection = false', params: [] });
    }
    if (query.identityLevel) and.push({ sql: '$ALIAS.identity_level = ?', params: [query.identityLevel] });
    // Kana are matched with and without the space between セイ and メイ (the search column holds both).
    for (const pattern of searchPatterns(query.q)) and.push({ sql: '$ALIAS.search_text like ?', params: [pattern] });
    // Plain rows; a capped count (a two-letter word's exact count read the whole table), none for the console's search
    // (`count=false`), keyset by id for API clients (kana may be empty, so it cannot carry a cursor). Issue 14.
    return plainListOrKeyset(this.em, Person, new SqlConditions(and), query, page, [], (person) => this.visibility.view(person));
  }
}

@Injectable()
export class GetPersonUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly visibility: AddressVisibility,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string): Promise<PersonView> {
    // Outside the caller's reach answers exactly like a person that does not exist (404).
    const person = await this.em.findOne(Person, { $and: [{ id }, this.people.personFilter()] });
    if (!person) throw personNotVisible('Person', id);
    return this.visibility.view(person);
  }
}

@Injectable()
export class CheckDuplicatesUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  execute(query: DuplicateCheckQuery): Promise<DuplicateCandidateView[]> {
    return findDuplicateCandidates(this.em, { ...query, phones: query.phone ? [query.phone] : [] }, this.people.personFilter());
  }
}
