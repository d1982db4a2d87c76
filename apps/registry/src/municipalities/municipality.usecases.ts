import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { Municipality } from './municipality.entity';
import type { MunicipalityView, UpdateMunicipalityCommand } from './municipality.dto';

export function municipalityView(municipality: Municipality): MunicipalityView {
  return {
    id: municipality.id,
    lgCode: municipality.lgCode,
    name: municipality.name,
    prefecture: municipality.prefecture,
    fiscalYearStart: municipality.fiscalYearStart,
    features: { jusouEnabled: municipality.jusouEnabled, supportMeeting1066Enabled: municipality.supportMeeting1066Enabled },
    version: municipality.version,
  };
}

async function current(em: EntityManager): Promise<Municipality> {
  const lgCode = TenantContext.requireMunicipality();
  const municipality = await em.findOne(Municipality, { lgCode });
  if (!municipality) throw DomainException.notFound('Municipality', lgCode);
  return municipality;
}

/** The caller's own municipality: there is no way to read another's. */
@Injectable()
export class GetCurrentMunicipalityUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(): Promise<MunicipalityView> {
    return municipalityView(await current(this.em));
  }
}

@Injectable()
export class UpdateCurrentMunicipalityUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(command: UpdateMunicipalityCommand, expectedVersion: number): Promise<MunicipalityView> {
    return this.em.transactional(async (em) => {
      const municipality = await current(em);
      assertVersion(municipality, expectedVersion, 'Municipality');
      if (command.name !== undefined) municipality.name = command.name.trim();
      if (command.fiscalYearStart !== undefined) municipality.fiscalYearStart = command.fiscalYearStart;
      if (command.features?.jusouEnabled !== undefined) municipality.jusouEnabled = command.features.jusouEnabled;
      if (command.features?.supportMeeting1066Enabled !== undefined) municipality.supportMeeting1066Enabled = command.features.supportMeeting1066Enabled;
      await em.flush();
      return municipalityView(municipality);
    });
  }
}
