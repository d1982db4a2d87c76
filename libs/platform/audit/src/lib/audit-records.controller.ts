import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsHexadecimal, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { CurrentPrincipal, Roles } from '@tsunagu/platform-auth';
import type { Principal } from '@tsunagu/platform-context';
import { ListQuery, paging } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { listPage, type ListPage } from '@tsunagu/platform-persistence';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditRecord } from './audit-record';
import { Audited, AuditedAction } from './audited.decorator';
import { AuditCheckpointUnavailableError, AuditService, type AuditCheckpoint, type ChainVerification } from './audit.service';

export class AuditRecordQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Subject (`sub`) of the caller.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'CommunityResource' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  resourceType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  resourceId?: string;

  @ApiPropertyOptional({ description: 'Only records whose request read, listed or changed this person or household (its id).' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  subjectId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: string;

  @ApiPropertyOptional({ description: 'Inclusive lower bound of occurredAt (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Exclusive upper bound of occurredAt (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class VerifyQuery {
  @ApiPropertyOptional({ description: 'Seq of a checkpoint kept outside the system; compared instead of the stored one.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  checkpointSeq?: number;

  @ApiPropertyOptional({ description: 'Head hash of that checkpoint.' })
  @IsOptional()
  @IsHexadecimal()
  @Length(64, 64)
  checkpointHash?: string;
}

/** The auditor API every service mounts: query the trail, verify the chain, sign checkpoints. */
@ApiTags('audit')
@Audited('AuditRecord')
@Roles('auditor', 'admin')
@Controller('audit-records')
export class AuditRecordsController {
  constructor(private readonly audit: AuditService) {}

  /**
   * Auditors and admins query the whole trail. A city supervisor reads it per person — who read or changed what about
   * them and when (issue 13: the basis of a 開示請求 or an incident report) — so `subjectId` is required of them; a
   * contracted desk's supervisor (claim `agency`) is not given the city's trail.
   */
  @Get()
  @Roles('auditor', 'admin', 'supervisor')
  async list(@Query() query: AuditRecordQuery, @CurrentPrincipal() principal: Principal): Promise<ListPage<AuditRecord>> {
    if (!principal.roles.some((role) => role === 'auditor' || role === 'admin')) {
      if (principal.agency !== undefined || principal.client) {
        throw new DomainException(DomainErrorCode.Forbidden, "A contracted desk's supervisor does not read the city's audit trail");
      }
      if (!query.subjectId) throw DomainException.invalidField('subjectId', 'a supervisor reads the trail per person: give the person (or household) id');
    }
    const page = paging(query, ['seq', 'occurredAt'], '-seq');
    const { items, total } = await this.audit.list(
      {
        municipality: principal.municipality,
        actor: query.actor,
        resourceType: query.resourceType,
        resourceId: query.resourceId,
        subjectId: query.subjectId,
        action: query.action,
        outcome: query.outcome,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      page,
    );
    return listPage(items, total, page);
  }

  @Get('verify')
  @AuditedAction('verify')
  async verify(@Query() query: VerifyQuery): Promise<ChainVerification> {
    if ((query.checkpointSeq === undefined) !== (query.checkpointHash === undefined)) {
      throw DomainException.invalidField('checkpointHash', 'give checkpointSeq and checkpointHash together');
    }
    const external = query.checkpointSeq !== undefined && query.checkpointHash ? { seq: query.checkpointSeq, headHash: query.checkpointHash.toLowerCase() } : undefined;
    return this.audit.verify(external);
  }

  @Post('checkpoints')
  @HttpCode(201)
  @Roles('admin')
  @AuditedAction('checkpoint')
  async checkpoint(): Promise<AuditCheckpoint> {
    try {
      return await this.audit.checkpoint();
    } catch (error) {
      if (error instanceof AuditCheckpointUnavailableError) throw new DomainException(DomainErrorCode.Conflict, error.message);
      throw error;
    }
  }
}
