import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { assertVersion, findOrFail } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { CommunityResource } from './community-resource.entity';
import type { ResourceView } from './resource.dto';
import { transitionFor, type ResourceAction } from './resource-lifecycle';
import { resourceEventData, resourceView } from './resource.view';

export interface ChangeResourceStatusCommand {
  id: string;
  action: ResourceAction;
  expectedVersion?: number;
  /** verify only. */
  verifiedOn?: string;
}

/** publish / suspend / resume / retire / verify, driven by RESOURCE_TRANSITIONS. */
@Injectable()
export class ChangeResourceStatusUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(command: ChangeResourceStatusCommand): Promise<ResourceView> {
    return this.em.transactional(async (em) => {
      const resource = await findOrFail(em, CommunityResource, 'CommunityResource', command.id);
      assertVersion(resource, command.expectedVersion, 'CommunityResource');
      const transition = transitionFor(resource.status, command.action);
      if (transition.to) resource.status = transition.to;
      // Publishing means running and listed (「公開」); verifying stamps the check date.
      if (command.action === 'publish') resource.public = true;
      if (command.action === 'publish') resource.lastVerifiedOn ??= todayInJapan();
      if (command.action === 'verify') resource.lastVerifiedOn = command.verifiedOn ?? todayInJapan();
      await em.flush();
      this.events.record(em, transition.event, resource.id, resourceEventData(resource));
      return resourceView(resource);
    });
  }
}
