import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { EntityManager, Entity, Index, Property, type FilterQuery } from '@mikro-orm/core';
import { ApiProperty, ApiPropertyOptional, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Roles } from '@tsunagu/platform-auth';
import { ListQuery, PageOf, paging } from '@tsunagu/platform-http';
import { listPage, type ListPage, TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import { Audited } from './audited.decorator';

/**
 * 廃棄記録: what was destroyed, when, under which rule and version, approved by whom, in which batch. Ids and codes only —
 * no name, address or text of the record survives here (the retention tests check with marker values).
 * Each service keeps its own (intake for its records, outreach and matching for the copies they erase on
 * person.destroyed), each table created by the service's migration (written out there) and read through `DestructionLogController`.
 */
@Entity({ tableName: 'destruction_log' })
@TenantScoped()
@Index({ properties: ['municipality', 'destroyedAt'] })
export class DestructionLog extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  recordType!: string;

  @Property({ type: 'uuid' })
  recordId!: string;

  /** erase or delete (the rule's action). */
  @Property({ type: 'string', length: 10 })
  action!: string;

  @Property({ type: 'uuid' })
  ruleId!: string;

  @Property({ type: 'integer' })
  ruleVersion!: number;

  @Property({ type: 'uuid' })
  batchId!: string;

  @Property({ type: 'string', length: 200 })
  approvedBy!: string;

  @Property({ type: 'datetime' })
  destroyedAt!: Date;
}

export class DestructionLogListQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Only this record type (intake: person, consultation, case; outreach: outreach-target, person-mirror; matching: participation-need, person-copy).' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  recordType?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this destruction batch (intake\'s batch id, carried by person.destroyed).' })
  @IsOptional()
  @IsUUID('all')
  batchId?: string;
}

export class DestructionLogView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() recordType!: string;
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty({ enum: ['erase', 'delete'] }) action!: string;
  @ApiProperty({ format: 'uuid' }) ruleId!: string;
  @ApiProperty({ type: 'integer' }) ruleVersion!: number;
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty({ description: 'City supervisor (staff id) who approved the batch.' }) approvedBy!: string;
  @ApiProperty({ format: 'date-time' }) destroyedAt!: string;
}

export function destructionLogView(log: DestructionLog): DestructionLogView {
  const { id, recordType, recordId, action, ruleId, ruleVersion, batchId, approvedBy } = log;
  return { id, recordType, recordId, action, ruleId, ruleVersion, batchId, approvedBy, destroyedAt: log.destroyedAt.toISOString() };
}

/** Writes one log entry per destroyed record, in the caller's transaction (flushed with the destruction). */
export function logDestruction(em: EntityManager, entries: Omit<DestructionLog, keyof TenantEntity>[]): void {
  for (const entry of entries) em.persist(Object.assign(new DestructionLog(), entry));
}

@Injectable()
export class DestructionLogReader {
  constructor(private readonly em: EntityManager) {}

  async list(query: DestructionLogListQuery): Promise<ListPage<DestructionLogView>> {
    const page = paging(query, ['destroyedAt', 'id'], '-destroyedAt');
    const where: FilterQuery<DestructionLog> = { ...(query.recordType ? { recordType: query.recordType } : {}), ...(query.batchId ? { batchId: query.batchId } : {}) };
    const [logs, total] = await this.em.findAndCount(DestructionLog, where, { limit: page.limit, offset: page.offset, orderBy: [page.orderBy, { id: 'asc' }] });
    return listPage(logs.map(destructionLogView), total, page);
  }
}

/** `GET /api/<service>/destruction-log` of a service that keeps a destruction log (its module lists this controller and the reader). */
@ApiTags('retention (保存期間・廃棄)')
@Controller('destruction-log')
export class DestructionLogController {
  constructor(private readonly reader: DestructionLogReader) {}

  @Get()
  @Roles('supervisor', 'auditor', 'admin')
  @Audited('DestructionLog')
  @ApiOperation({ summary: 'The destruction log (廃棄記録): what was destroyed, when, under which rule version, approved by whom (no personal data)' })
  @ApiOkResponse({ type: PageOf(DestructionLogView) })
  list(@Query() query: DestructionLogListQuery): Promise<ListPage<DestructionLogView>> {
    return this.reader.list(query);
  }
}
