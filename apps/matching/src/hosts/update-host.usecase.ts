import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { HostUpdated } from '@tsunagu/contracts';
import { assertVersion } from '@tsunagu/platform-persistence';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { findWritableHost } from './host-access';
import type { HostView, UpdateHostCommand } from './host.dto';
import { applyHostFields, hostEventData, hostView } from './host.view';

@Injectable()
export class UpdateHostUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(id: string, command: UpdateHostCommand, expectedVersion: number): Promise<HostView> {
    return this.em.transactional(async (em) => {
      const host = await findWritableHost(em, id);
      assertVersion(host, expectedVersion, 'Host');
      applyHostFields(host, command);
      await em.flush();
      this.events.record(em, HostUpdated, host.id, hostEventData(host));
      return hostView(host);
    });
  }
}
