import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { NeedStatusChanged, type NeedStatus } from '@tsunagu/contracts';
import { assertVersion } from '@tsunagu/platform-persistence';
import { checkMenuGap } from '../gaps/menu-gap-check';
import { NeedProtection } from '../people/need-protection';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { assertNeedTransition } from './need-status';
import type { NeedView } from './need.dto';
import { needEventData, needView } from './need.view';
import { ParticipationNeed } from './participation-need.entity';
import { MatchingAccess } from '../shared/matching-access';

/** Moves a need along 聴取中 → マッチング中 → 参加中 → 休止 / 終了 (also used when a match starts). */
export async function moveNeed(em: EntityManager, events: EventRecorder, need: ParticipationNeed, to: NeedStatus): Promise<void> {
  assertNeedTransition(need.status, to);
  need.status = to;
  await em.flush();
  events.record(em, NeedStatusChanged, need.id, needEventData(need));
  // Back to 聴取中 or マッチング中 (e.g. from 休止): a need nothing fits is a menu gap from now on.
  await checkMenuGap(em, events, need);
}

@Injectable()
export class TransitionNeedUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly protection: NeedProtection,
    private readonly access: MatchingAccess,
  ) {}

  async execute(id: string, to: NeedStatus, expectedVersion: number | undefined): Promise<NeedView> {
    return this.em.transactional(async (em) => {
      const need = await this.access.findVisibleNeed(em, id);
      assertVersion(need, expectedVersion, 'ParticipationNeed');
      await moveNeed(em, this.events, need, to);
      return needView(need, this.protection.masked(need));
    });
  }
}
