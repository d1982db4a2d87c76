import type { DistrictEventData } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import type { PlainRow } from '@tsunagu/platform-persistence';
import { toKatakana } from '../shared/japanese-text';
import type { AreaMapping } from './area-mapping.entity';
import type { District } from './district.entity';
import type { AreaMappingView, DistrictView, RegisterAreaMappingCommand, RegisterDistrictCommand } from './district.dto';

export function districtView(district: PlainRow<District>): DistrictView {
  return {
    id: district.id,
    shortName: district.shortName,
    officialName: district.officialName,
    kana: district.kana,
    sortOrder: district.sortOrder,
    areaGroup: district.areaGroup,
    office: district.office,
    isIsland: district.isIsland,
    version: district.version,
  };
}

export function districtEventData(district: District): DistrictEventData {
  return { districtId: district.id, sortOrder: district.sortOrder, isIsland: district.isIsland, shortName: district.shortName, kana: district.kana };
}

export function applyDistrictFields(district: District, fields: Partial<RegisterDistrictCommand>): void {
  for (const field of ['shortName', 'officialName', 'kana', 'sortOrder'] as const) {
    if (fields[field] === null) throw DomainException.invalidField(field, `${field} cannot be empty`);
  }
  if (fields.shortName !== undefined) district.shortName = fields.shortName.trim();
  if (fields.officialName !== undefined) district.officialName = fields.officialName.trim();
  if (fields.kana !== undefined) district.kana = toKatakana(fields.kana);
  if (fields.sortOrder !== undefined) district.sortOrder = fields.sortOrder;
  if (fields.areaGroup !== undefined) district.areaGroup = fields.areaGroup ?? 'honcho';
  if (fields.office !== undefined) district.office = fields.office ? { ...fields.office } : null;
  if (fields.isIsland !== undefined) district.isIsland = fields.isIsland ?? false;
}

export function areaMappingView(mapping: PlainRow<AreaMapping>): AreaMappingView {
  return {
    id: mapping.id,
    machiazaCode: mapping.machiazaCode,
    machiazaName: mapping.machiazaName,
    banchiFrom: mapping.banchiFrom,
    banchiTo: mapping.banchiTo,
    districtId: mapping.districtId,
    validFrom: mapping.validFrom,
    validTo: mapping.validTo,
    version: mapping.version,
  };
}

export function applyAreaMappingFields(mapping: AreaMapping, fields: Partial<RegisterAreaMappingCommand>): void {
  for (const field of ['machiazaCode', 'machiazaName', 'districtId', 'validFrom'] as const) {
    if (fields[field] === null) throw DomainException.invalidField(field, `${field} cannot be empty`);
  }
  if (fields.machiazaCode !== undefined) mapping.machiazaCode = fields.machiazaCode.trim();
  if (fields.machiazaName !== undefined) mapping.machiazaName = fields.machiazaName.trim();
  if (fields.banchiFrom !== undefined) mapping.banchiFrom = fields.banchiFrom;
  if (fields.banchiTo !== undefined) mapping.banchiTo = fields.banchiTo;
  if (fields.districtId !== undefined) mapping.districtId = fields.districtId;
  if (fields.validFrom !== undefined) mapping.validFrom = fields.validFrom;
  if (fields.validTo !== undefined) mapping.validTo = fields.validTo;
  if (mapping.banchiFrom !== null && mapping.banchiTo !== null && mapping.banchiFrom > mapping.banchiTo) {
    throw DomainException.invalidField('banchiTo', 'banchiTo must not be below banchiFrom');
  }
  if (mapping.validTo !== null && mapping.validTo < mapping.validFrom) {
    throw DomainException.invalidField('validTo', 'validTo must not be before validFrom');
  }
}
