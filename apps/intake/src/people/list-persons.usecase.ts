import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { listPage, paging, type ListPage, findOrFail } from '@tsunagu/platform-http';
import { searchPatterns } from '@tsunagu/util-japanese-text';
import { findDuplicateCandidates } from './find-duplicates';
import { Person } from './person.entity';
import type { DuplicateCandidateView, DuplicateCheckQuery, PersonListQuery, PersonView } from './person.dto';
import { AddressVisibility } from './person.view';

@Injectable()
export class ListPersonsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly visibility: AddressVisibility,
  ) {}

  async execute(query: PersonListQuery): Promise<ListPage<PersonView>> {
    const page = paging(query, ['familyNameKana', 'birthDate', 'createdAt', 'updatedAt', 'id'], '-createdAt');
    const and: FilterQuery<Person>[] = [];
    if (query.birthDate) and.push({ birthDate: query.birthDate });
    if (query.districtId) and.push({ districtId: query.districtId, dvAddressProtection: this.visibility.canSee({ dvAddressProtection: true }) ? undefined : false });
    if (query.identityLevel) and.push({ identityLevel: query.identityLevel });
    // Kana are matched with and without the space between セイ and メイ (the search column holds both).
    for (const pattern of searchPatterns(query.q)) and.push({ searchText: { $like: pattern } });
    const [items, total] = await this.em.findAndCount(Person, and.length ? { $and: and } : {}, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map((person) => this.visibility.view(person)), total, page);
  }
}

@Injectable()
export class GetPersonUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly visibility: AddressVisibility,
  ) {}

  async execute(id: string): Promise<PersonView> {
    return this.visibility.view(await findOrFail(this.em, Person, 'Person', id));
  }
}

@Injectable()
export class CheckDuplicatesUseCase {
  constructor(private readonly em: EntityManager) {}

  execute(query: DuplicateCheckQuery): Promise<DuplicateCandidateView[]> {
    return findDuplicateCandidates(this.em, { ...query, phones: query.phone ? [query.phone] : [] });
  }
}
