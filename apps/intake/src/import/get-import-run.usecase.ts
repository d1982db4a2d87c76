import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { PersonVisibility } from '../access/person-visibility';
import { ImportRun } from './import.entities';
import type { ImportRunView } from './import.dto';

@Injectable()
export class GetImportRunUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  /** A desk's supervisor sees the imports of their desk; the city's (no agency) every import of the municipality. */
  async execute(id: string): Promise<ImportRunView> {
    const run = await this.em.findOne(ImportRun, { id });
    const desk = this.people.organizationOf();
    const agency = TenantContext.principal()?.agency;
    if (!run || (agency !== undefined && run.organizationId !== desk)) throw DomainException.notFound('ImportRun', id);
    return {
      id: run.id,
      type: run.recordType,
      status: 'completed',
      format: run.format,
      rows: run.rows,
      created: run.created,
      unchanged: run.unchanged,
      duplicateCandidates: run.duplicateCandidates,
      organizationId: run.organizationId,
      importedBy: run.importedBy,
      importedAt: run.createdAt.toISOString(),
    };
  }
}
