import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { HostUpdated } from '@tsunagu/contracts';
import { assertVersion } from '@tsunagu/platform-persistence';
import { MatchingEvents } from '../shared/matching-events';
import { findWritableHost } from './host-access';
import type { HostView, UpdateHostCommand } from './host.dto';
import { applyHostFields, hostEventData, hostView } from './host.view';

@Injectable()
export class UpdateHostUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: MatchingEvents,
  ) {}

  async execute(id: string, command: UpdateHostCommand, expectedVersion: number): Promise<HostView> {
    return this.em.transactional(async (em) => {
      const host = await findWritableHost(em, id);
      assertVersion(host, expectedVersion, 'Host');
      applyHostFields(host, command);
      await em.flush();
      await this.events.record(em, HostUpdated, host.id, hostEventData(host));
      return hostView(host);
    });
  }
}
