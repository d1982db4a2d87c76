import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, type ListPage } from '@tsunagu/platform-persistence';
import { findWritableHost } from './host-access';
import type { HostListQuery, HostView } from './host.dto';
import { Host } from './host.entity';
import { hostView } from './host.view';

@Injectable()
export class ListHostsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: HostListQuery): Promise<ListPage<HostView>> {
    const page = paging(query, ['name', 'registeredOn', 'createdAt', 'updatedAt', 'agreementStatus', 'id'], 'name');
    const and: FilterQuery<Host>[] = [{ agreementStatus: query.agreementStatus, organizationId: query.organizationId }];
    if (query.accepts) and.push({ accepts: { $contains: [query.accepts] } });
    if (query.q) and.push({ name: { $ilike: `%${query.q}%` } });
    return listPlainRows(this.em, Host, { $and: and }, page, hostView);
  }
}

@Injectable()
export class GetHostUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string): Promise<HostView> {
    return hostView(await findWritableHost(this.em, id));
  }
}
