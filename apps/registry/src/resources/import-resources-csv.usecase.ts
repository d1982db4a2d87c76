import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import type { ResourceStatus } from '@tsunagu/contracts';
import { fieldErrors } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { CsvEncodingError, decodeCsvBytes, type CsvEncoding } from '@tsunagu/util-csv';
import { District } from '../districts/district.entity';
import { Organization } from '../organizations/organization.entity';
import { RegisterResourceCommand } from './resource.dto';
import {
  codeOrError,
  CSV_COLUMN_FOR_FIELD,
  CSV_TABLES,
  parseBooleanCell,
  REQUIRED_CSV_COLUMNS,
  RESOURCE_CSV_COLUMNS,
  splitList,
  splitWeekdays,
  type ResourceCsvColumn,
} from './resource-csv';
import { RegisterResourceUseCase } from './register-resource.usecase';

export type { CsvEncoding } from '@tsunagu/util-csv';

export interface CsvRowError {
  line: number;
  column: string;
  message: string;
}

export interface ImportResourcesResult {
  imported: number;
  encoding: 'utf-8' | 'cp932';
  ids: string[];
}

/** UTF-8 (with or without BOM) or CP932 (Windows-31J, what Excel calls Shift_JIS), DOMAIN §6.2 — read by util-csv. */
export function decodeCsv(body: Buffer, encoding: CsvEncoding): { text: string; encoding: 'utf-8' | 'cp932' } {
  try {
    return decodeCsvBytes(body, encoding);
  } catch (error) {
    if (error instanceof CsvEncodingError) throw DomainException.invalidField('body', 'the file is not valid UTF-8 (try ?encoding=cp932)');
    throw error;
  }
}

interface ParsedRow {
  line: number;
  command: RegisterResourceCommand;
  status: ResourceStatus;
}

/**
 * Imports community resources from a staff CSV. Every row is checked before anything is written and
 * every problem is reported with its line and column; a file with any error imports nothing.
 */
@Injectable()
export class ImportResourcesCsvUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly register: RegisterResourceUseCase,
  ) {}

  async execute(body: unknown, encoding: CsvEncoding): Promise<ImportResourcesResult> {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new DomainException(DomainErrorCode.UnsupportedMediaType, 'Send the CSV file as the request body with Content-Type: text/csv');
    }
    const decoded = decodeCsv(body, encoding);
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(decoded.text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: false, trim: false }) as unknown as typeof records;
    } catch (error) {
      const line = (error as { lines?: number }).lines;
      throw new DomainException(DomainErrorCode.ValidationFailed, `The CSV cannot be read: ${(error as Error).message}`, {
        errors: { [line ? `line ${line}` : 'body']: (error as Error).message },
      });
    }
    if (records.length === 0) throw DomainException.invalidField('body', 'the file is empty');

    const columns = this.readHeader(records[0].record);
    const rows = records.slice(1);
    if (rows.length === 0) throw DomainException.invalidField('body', 'the file has a header but no rows');

    return this.em.transactional(async (em) => {
      const districts = new Map((await em.find(District, {})).map((district) => [district.shortName, district.id]));
      const organizations = await em.find(Organization, {}, { fields: ['id', 'name'] });
      const organizationByName = new Map(organizations.map((organization) => [organization.name, organization.id]));
      const organizationIds = new Set(organizations.map((organization) => organization.id));

      const errors: CsvRowError[] = [];
      const parsed: ParsedRow[] = [];
      for (const { record, info } of rows) {
        const line = info.lines - record.join('').split('\n').length + 1;
        const row = await this.readRow(record, columns, line, { districts, organizationByName, organizationIds }, errors);
        if (row) parsed.push(row);
      }
      if (errors.length > 0) {
        throw new DomainException(DomainErrorCode.ValidationFailed, `${errors.length} problem(s) in the CSV; nothing was imported`, {
          errors: Object.fromEntries(errors.map((error) => [`line ${error.line}: ${error.column}`, error.message])),
          rows: errors,
        });
      }
      const ids: string[] = [];
      for (const row of parsed) ids.push((await this.register.register(em, row.command, row.status)).id);
      return { imported: ids.length, encoding: decoded.encoding, ids };
    });
  }

  private readHeader(header: string[]): Map<ResourceCsvColumn, number> {
    const byLabel = new Map<string, ResourceCsvColumn>(Object.entries(RESOURCE_CSV_COLUMNS).map(([key, label]) => [label, key as ResourceCsvColumn]));
    const columns = new Map<ResourceCsvColumn, number>();
    const errors: Record<string, string> = {};
    header.forEach((cell, index) => {
      const key = byLabel.get(cell.trim());
      if (!key) errors[`line 1: ${cell}`] = `unknown column 「${cell}」; known columns: ${Object.values(RESOURCE_CSV_COLUMNS).join(', ')}`;
      else columns.set(key, index);
    });
    for (const required of REQUIRED_CSV_COLUMNS) {
      if (!columns.has(required)) errors[`line 1: ${RESOURCE_CSV_COLUMNS[required]}`] = `column 「${RESOURCE_CSV_COLUMNS[required]}」 is required`;
    }
    if (Object.keys(errors).length > 0) {
      throw new DomainException(DomainErrorCode.ValidationFailed, 'The CSV header is not valid; nothing was imported', { errors });
    }
    return columns;
  }

  private async readRow(
    record: string[],
    columns: Map<ResourceCsvColumn, number>,
    line: number,
    refs: { districts: Map<string, string>; organizationByName: Map<string, string>; organizationIds: Set<string> },
    errors: CsvRowError[],
  ): Promise<ParsedRow | undefined> {
    const before = errors.length;
    const fail = (column: ResourceCsvColumn, message: string) => errors.push({ line, column: RESOURCE_CSV_COLUMNS[column], message });
    const cell = (column: ResourceCsvColumn): string => {
      const index = columns.get(column);
      return index === undefined ? '' : (record[index] ?? '').trim();
    };
    const optional = (column: ResourceCsvColumn): string | undefined => cell(column) || undefined;
    const coded = <T>(column: keyof typeof CSV_TABLES, value: string): T | undefined => {
      const result = codeOrError(CSV_TABLES[column] as Readonly<Record<string, string>>, value);
      if (typeof result === 'object') {
        fail(column, result.error);
        return undefined;
      }
      return result as T;
    };

    const districtIds: string[] = [];
    for (const name of splitList(cell('districts'))) {
      const id = refs.districts.get(name);
      if (id) districtIds.push(id);
      else fail('districts', `unknown district 「${name}」`);
    }
    if (districtIds.length === 0 && !errors.slice(before).some((error) => error.column === RESOURCE_CSV_COLUMNS.districts)) {
      fail('districts', 'at least one district is required');
    }

    let organizationId: string | undefined;
    const organization = cell('organization');
    if (organization) {
      organizationId = refs.organizationIds.has(organization) ? organization : refs.organizationByName.get(organization);
      if (!organizationId) fail('organization', `unknown organisation 「${organization}」`);
    }

    const weekdays = cell('weekdays') ? splitWeekdays(cell('weekdays')).map((day) => coded<string>('weekdays', day)) : [];
    const hasSchedule = ['weekdays', 'opensAt', 'closesAt', 'frequency', 'scheduleNote'].some((column) => cell(column as ResourceCsvColumn));
    const capacityCell = cell('capacity').normalize('NFKC');
    if (capacityCell && !/^\d+$/.test(capacityCell)) fail('capacity', `「${capacityCell}」 must be a whole number`);
    const publicCell = parseBooleanCell(cell('public'));
    if (typeof publicCell === 'object') fail('public', publicCell.error);
    const contact = { phone: optional('phone'), email: optional('email'), website: optional('website') };

    const plain = {
      name: cell('name'),
      kana: optional('kana'),
      description: optional('description'),
      organizationId,
      districtIds,
      category: cell('category') ? coded('category', cell('category')) : undefined,
      insuranceScheme: cell('insuranceScheme') ? coded('insuranceScheme', cell('insuranceScheme')) : undefined,
      activities: splitList(cell('activities')).map((activity) => coded('activities', activity)),
      eligibility: cell('eligibility') ? coded('eligibility', cell('eligibility')) : undefined,
      schedule: hasSchedule
        ? {
            frequency: cell('frequency') ? coded('frequency', cell('frequency')) : undefined,
            weekdays,
            opensAt: optional('opensAt')?.normalize('NFKC').replace(/^(\d):/, '0$1:'),
            closesAt: optional('closesAt')?.normalize('NFKC').replace(/^(\d):/, '0$1:'),
            note: optional('scheduleNote'),
          }
        : undefined,
      capacity: capacityCell && /^\d+$/.test(capacityCell) ? Number(capacityCell) : undefined,
      fee: optional('fee'),
      contact: Object.values(contact).some(Boolean) ? contact : undefined,
      public: typeof publicCell === 'boolean' ? publicCell : undefined,
    };
    const status = cell('status') ? coded<ResourceStatus>('status', cell('status')) : 'preparing';

    // The same class-validator rules as the JSON API, reported against the CSV's column names.
    const command = plainToInstance(RegisterResourceCommand, plain, { exposeUnsetFields: false });
    const reported = new Set(errors.slice(before).map((error) => error.column));
    for (const [field, message] of Object.entries(fieldErrors(await validate(command, { whitelist: true, forbidNonWhitelisted: true })))) {
      const column = CSV_COLUMN_FOR_FIELD[field.replace(/\.\d+$/, '')] ?? 'name';
      if (!reported.has(RESOURCE_CSV_COLUMNS[column])) fail(column, message);
    }
    if (errors.length > before || !status) return undefined;
    return { line, command, status };
  }
}
