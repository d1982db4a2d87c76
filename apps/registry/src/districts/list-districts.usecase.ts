import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, type ListPage, findOrFail } from '@tsunagu/platform-persistence';
import { searchPatterns } from '../shared/japanese-text';
import { District } from './district.entity';
import type { DistrictListQuery, DistrictView } from './district.dto';
import { districtView } from './district.view';

@Injectable()
export class ListDistrictsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: DistrictListQuery): Promise<ListPage<DistrictView>> {
    const page = paging(query, ['sortOrder', 'shortName', 'kana', 'createdAt', 'id'], 'sortOrder');
    const and: FilterQuery<District>[] = [];
    if (query.areaGroup) and.push({ areaGroup: query.areaGroup });
    if (query.isIsland !== undefined) and.push({ isIsland: query.isIsland });
    for (const pattern of searchPatterns(query.q)) and.push({ searchText: { $like: pattern } });
    return listPlainRows(this.em, District, and.length ? { $and: and } : {}, page, districtView);
  }
}

@Injectable()
export class GetDistrictUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string): Promise<DistrictView> {
    return districtView(await findOrFail(this.em, District, 'District', id));
  }
}
