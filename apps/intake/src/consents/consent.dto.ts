import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CONSENT_METHODS, CONSENT_SCOPES, CONSENT_STATUSES, type ConsentMethod, type ConsentScope, type ConsentStatus } from '@tsunagu/contracts';
import { ListQuery, EnumQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';

/** What can be recorded directly; 撤回 happens only through the withdraw endpoint. */
export const RECORDABLE_CONSENT_STATUSES = ['obtained', 'refused', 'unable-to-judge'] as const;

export class RecordConsentCommand {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  personId!: string;

  @ApiProperty({ enum: CONSENT_SCOPES, description: '関係機関との情報共有 / 重層的支援会議での共有 / 特定機関への提供 / 参加支援受入先への提供 / 写真・記録の利用' })
  @IsIn(CONSENT_SCOPES)
  scope!: ConsentScope;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true, description: 'Covered organisations (required for 特定機関への提供).' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @CappedArray(50)
  @IsUUID('all', { each: true })
  targetOrganizationIds?: string[];

  @ApiProperty({ enum: CONSENT_METHODS, description: '署名 / 口頭（記録） / 代理人署名 / 成年後見人' })
  @IsIn(CONSENT_METHODS)
  method!: ConsentMethod;

  @ApiProperty({ enum: RECORDABLE_CONSENT_STATUSES, description: '取得 / 拒否 / 判断不能' })
  @IsIn(RECORDABLE_CONSENT_STATUSES)
  status!: (typeof RECORDABLE_CONSENT_STATUSES)[number];

  @ApiPropertyOptional({ format: 'date-time', description: 'When it was obtained (default: now).' })
  @IsOptional()
  @IsDateString({ strict: true })
  obtainedAt?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Organisation of the staff member who obtained it.' })
  @IsOptional()
  @IsUUID('all')
  obtainedByOrganizationId?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  documentRef?: string | null;
}

export class WithdrawConsentCommand {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @VersionProperty()
  version?: number;
}

export class ConsentListQuery extends ListQuery {
  @UuidQuery('Consents of this person.')
  personId?: string;

  @EnumQuery(CONSENT_STATUSES, 'Status.')
  status?: ConsentStatus;

  @EnumQuery(CONSENT_SCOPES, 'Scope.')
  scope?: ConsentScope;
}

export class ConsentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ enum: CONSENT_SCOPES }) scope!: ConsentScope;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true }) targetOrganizationIds!: string[];
  @ApiProperty({ enum: CONSENT_METHODS }) method!: ConsentMethod;
  @ApiProperty({ format: 'date-time' }) obtainedAt!: string;
  @ApiProperty() obtainedBy!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) obtainedByOrganizationId!: string | null;
  @ApiProperty({ enum: CONSENT_STATUSES }) status!: ConsentStatus;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) withdrawnAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) withdrawalReason!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) documentRef!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
}
