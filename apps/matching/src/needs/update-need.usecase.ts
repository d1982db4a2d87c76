import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import type { NeedView, UpdateNeedCommand } from './need.dto';
import { checkMenuGap } from '../gaps/menu-gap-check';
import { NeedProtection } from '../people/need-protection';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { applyNeedFields, needView } from './need.view';
import { MatchingAccess } from '../shared/matching-access';

@Injectable()
export class UpdateNeedUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly protection: NeedProtection,
    private readonly access: MatchingAccess,
  ) {}

  async execute(id: string, command: UpdateNeedCommand, expectedVersion: number): Promise<NeedView> {
    return this.em.transactional(async (em) => {
      const need = await this.access.findVisibleNeed(em, id);
      assertVersion(need, expectedVersion, 'ParticipationNeed');
      if (need.status === 'ended') throw new DomainException(DomainErrorCode.Conflict, 'An ended need (終了) cannot be edited');
      // A caller who cannot see a protected person's districts cannot change them either (they would overwrite blind).
      if (this.protection.masked(need)) {
        const touched = (['homeDistrictId', 'preferredDistrictIds'] as const).find((field) => command[field] !== undefined);
        if (touched) throw DomainException.invalidField(touched, "the person's address is protected (DV) and their districts cannot be changed with your role");
      }
      applyNeedFields(need, command);
      await em.flush();
      // Changed purposes, days or districts may leave nothing that fits.
      await checkMenuGap(em, this.events, need);
      return needView(need, this.protection.masked(need));
    });
  }
}
