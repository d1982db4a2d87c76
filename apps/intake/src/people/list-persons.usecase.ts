import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { plainListOrKeyset, type KeysetPage, type ListPage, type UncountedPage } from '@tsunagu/platform-persistence';
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
    // Only people the caller's desk has a relationship with (or everyone, for city-wide roles), before paging.
    const and: FilterQuery<Person>[] = [this.people.personFilter()];
    if (query.ids) and.push({ id: { $in: query.ids } });
    if (query.birthDate) and.push({ birthDate: query.birthDate });
    if (query.districtId) and.push({ districtId: query.districtId, dvAddressProtection: this.visibility.canSee({ dvAddressProtection: true }) ? undefined : false });
    if (query.identityLevel) and.push({ identityLevel: query.identityLevel });
    // Kana are matched with and without the space between セイ and メイ (the search column holds both).
    for (const pattern of searchPatterns(query.q)) and.push({ searchText: { $like: pattern } });
    // Plain rows; a capped count (a two-letter word's exact count read the whole table), none for the console's search
    // (`count=false`), keyset by id for API clients (kana may be empty, so it cannot carry a cursor). Issue 14.
    return plainListOrKeyset(this.em, Person, { $and: and }, query, page, [], (person) => this.visibility.view(person));
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
