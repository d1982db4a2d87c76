import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, type ListPage, findOrFail, assertVersion } from '@tsunagu/platform-persistence';
import { assertDistrictsExist } from '../shared/references';
import { AreaMapping } from './area-mapping.entity';
import type { AreaMappingListQuery, AreaMappingView, RegisterAreaMappingCommand, UpdateAreaMappingCommand } from './district.dto';
import { applyAreaMappingFields, areaMappingView } from './district.view';

/* 町字 → district mappings: reference data with no events (nothing outside the registry consumes them yet). */

@Injectable()
export class ListAreaMappingsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: AreaMappingListQuery): Promise<ListPage<AreaMappingView>> {
    const page = paging(query, ['machiazaCode', 'machiazaName', 'validFrom', 'createdAt', 'id'], 'machiazaCode');
    const and: FilterQuery<AreaMapping>[] = [];
    if (query.district) and.push({ districtId: query.district });
    if (query.machiazaCode) and.push({ machiazaCode: query.machiazaCode });
    if (query.q) and.push({ machiazaName: { $like: `%${query.q.normalize('NFKC').replace(/[\\%_]/g, (c) => `\\${c}`)}%` } });
    return listPlainRows(this.em, AreaMapping, and.length ? { $and: and } : {}, page, areaMappingView);
  }
}

@Injectable()
export class RegisterAreaMappingUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(command: RegisterAreaMappingCommand): Promise<AreaMappingView> {
    return this.em.transactional(async (em) => {
      await assertDistrictsExist(em, [command.districtId], 'districtId');
      const mapping = new AreaMapping();
      applyAreaMappingFields(mapping, command);
      em.persist(mapping);
      await em.flush();
      return areaMappingView(mapping);
    });
  }
}

@Injectable()
export class UpdateAreaMappingUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string, command: UpdateAreaMappingCommand, expectedVersion: number): Promise<AreaMappingView> {
    return this.em.transactional(async (em) => {
      const mapping = await findOrFail(em, AreaMapping, 'AreaMapping', id);
      assertVersion(mapping, expectedVersion, 'AreaMapping');
      const { version: _version, ...fields } = command;
      if (fields.districtId) await assertDistrictsExist(em, [fields.districtId], 'districtId');
      applyAreaMappingFields(mapping, fields);
      await em.flush();
      return areaMappingView(mapping);
    });
  }
}
