import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { NeedRegistered } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { NeedProtection, refreshNeedProtection } from '../people/need-protection';
import { EventRecorder } from '@tsunagu/platform-messaging';
import type { NeedView, RegisterNeedCommand } from './need.dto';
import { applyNeedFields, needEventData, needView } from './need.view';
import { ParticipationNeed } from './participation-need.entity';

@Injectable()
export class RegisterNeedUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly protection: NeedProtection,
  ) {}

  async execute(command: RegisterNeedCommand): Promise<NeedView> {
    // Only intake's people of the caller's municipality (never another municipality's id, never a guess).
    await this.protection.assertKnownPerson(this.em, command.personId);
    return this.em.transactional(async (em) => {
      const need = new ParticipationNeed();
      need.personId = command.personId;
      need.caseId = command.caseId ?? null;
      applyNeedFields(need, command);
      need.registeredOn = todayInJapan();
      need.registeredBy = TenantContext.principal()?.subject ?? 'system';
      em.persist(need);
      await em.flush();
      await refreshNeedProtection(em, [need.personId]);
      this.events.record(em, NeedRegistered, need.id, needEventData(need));
      return needView(need, this.protection.masked(need));
    });
  }
}
