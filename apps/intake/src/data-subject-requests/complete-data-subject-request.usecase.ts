import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { recordFields } from '@tsunagu/platform-audit';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import type { UpdatePersonCommand } from '../people/person.dto';
import { Person } from '../people/person.entity';
import { UpdatePersonUseCase } from '../people/update-person.usecase';
import { approvedCorrections, pick } from './correction';
import type { DataSubjectRequest } from './data-subject-request.entity';
import type { DataSubjectRequestView } from './data-subject-request.dto';
import { DataSubjectRequestsUseCase, historyEntry, officer, requestView } from './data-subject-requests.usecase';

/**
 * Completes a decided request:
 * - 開示請求 → 開示済 (the pack was handed over);
 * - 訂正請求 → the approved corrections go through the normal person update (PersonUpdated published, version raised), and
 *   the request's history keeps the fields before and after (intake's schema only);
 * - 利用停止請求 → the stop is in force (sharing with other organisations refused) until lifted.
 * One transaction: the correction and the request's history commit together.
 */
@Injectable()
export class CompleteDataSubjectRequestUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly requests: DataSubjectRequestsUseCase,
    private readonly updatePerson: UpdatePersonUseCase,
  ) {}

  async execute(id: string, expected?: number): Promise<DataSubjectRequestView> {
    return this.em.transactional(async (em) => {
      const request = await this.requests.load(em, id, expected);
      if (request.kind === 'disclosure') {
        await this.requests.completeDisclosure(em, request);
        return requestView(request);
      }
      if (request.status !== 'decided') throw DomainException.invalidTransition('DataSubjectRequest', request.status, 'complete', ['decided']);
      if (request.kind === 'correction') await this.applyCorrection(em, request);
      request.status = 'completed';
      request.completedAt = new Date();
      request.completedBy = officer();
      if (request.kind === 'suspension') request.history = [...request.history, historyEntry('applied', 'completed')];
      await em.flush();
      return requestView(request);
    });
  }

  /** 利用停止の解除: the stop ends (the request stays, with who lifted it and when). */
  async lift(id: string, expected?: number): Promise<DataSubjectRequestView> {
    return this.em.transactional(async (em) => {
      const request = await this.requests.load(em, id, expected);
      if (request.kind !== 'suspension' || request.status !== 'completed') throw DomainException.invalidTransition('DataSubjectRequest', request.status, 'lift', ['completed (利用停止)']);
      if (request.liftedAt) throw new DomainException(DomainErrorCode.Conflict, `The 利用停止 of ${request.requestNo} was already lifted`);
      request.liftedAt = new Date();
      request.liftedBy = officer();
      request.history = [...request.history, historyEntry('lifted', 'completed')];
      await em.flush();
      return requestView(request);
    });
  }

  private async applyCorrection(em: EntityManager, request: DataSubjectRequest): Promise<void> {
    const corrections = approvedCorrections(request.details);
    const fields = Object.keys(corrections);
    const person = await em.findOne(Person, { id: request.personId });
    if (!person) throw new DomainException(DomainErrorCode.Conflict, `The person of ${request.requestNo} no longer exists (destroyed?)`);
    const before = pick(recordFields(person), fields);
    const updated = await this.updatePerson.execute(person.id, { ...corrections, version: person.version } as UpdatePersonCommand, person.version);
    const after = pick(updated as unknown as Record<string, unknown>, fields);
    request.history = [...request.history, historyEntry('applied', 'completed', { before, after })];
  }
}
