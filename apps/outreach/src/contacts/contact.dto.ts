import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsDateString, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import {
  CONTACT_METHODS,
  CONTACT_RESULTS,
  LEGAL_BASES,
  OBSERVATION_CODES,
  WATCHER_KINDS,
  type ContactMethod,
  type ContactResult,
  type LegalBasis,
  type ObservationCode,
  type WatcherKind,
} from '@tsunagu/contracts';
import { DateProperty, EnumQuery, ListQuery, CappedArray } from '@tsunagu/platform-http';

export class CompanionDto {
  @ApiProperty({ enum: WATCHER_KINDS, description: '職員 / 民生委員・児童委員 / ボランティア' })
  @IsIn(WATCHER_KINDS)
  kind!: WatcherKind;

  @ApiPropertyOptional({ maxLength: 100, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string | null;
}

export class LogContactCommand {
  @ApiPropertyOptional({ format: 'date-time', description: 'When the contact happened (default: now); never in the future.' })
  @IsOptional()
  @IsDateString({ strict: true })
  contactedAt?: string;

  @ApiProperty({ enum: CONTACT_METHODS, description: '訪問 / 電話 / 手紙・メモ投函 / 同行 / 来所面接 / オンライン' })
  @IsIn(CONTACT_METHODS)
  method!: ContactMethod;

  @ApiProperty({ enum: CONTACT_RESULTS, description: '不在 / 応答なし / 拒否 / 短時間会話 / 面談できた (the last two are successful contacts)' })
  @IsIn(CONTACT_RESULTS)
  result!: ContactResult;

  @ApiPropertyOptional({ enum: OBSERVATION_CODES, isArray: true, description: '郵便物滞留 / 異臭 / ごみ堆積 / ライフライン停止 / 健康状態懸念 / 家屋破損 / 特記なし' })
  @IsOptional()
  @IsArray()
  @CappedArray(OBSERVATION_CODES.length)
  @ArrayUnique()
  @IsIn(OBSERVATION_CODES, { each: true })
  observations?: ObservationCode[];

  @ApiPropertyOptional({ maxLength: 4000, nullable: true, description: 'What was seen, in words (stays in outreach; never in events).' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  observationNote?: string | null;

  @ApiPropertyOptional({ type: CompanionDto, isArray: true, description: '同行者 (e.g. the 民生委員)' })
  @IsOptional()
  @IsArray()
  @CappedArray(10)
  @ValidateNested({ each: true })
  @Type(() => CompanionDto)
  accompaniedBy?: CompanionDto[];

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, description: '次回の対応' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  nextAction?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'Due date of the next action.' })
  @IsOptional()
  @DateProperty()
  nextDueOn?: string | null;

  @ApiProperty({ enum: LEGAL_BASES, description: 'Legal basis of what was recorded (本人同意 / 社福法106条の6支援会議 / 自機関所掌事務 …)' })
  @IsIn(LEGAL_BASES)
  legalBasis!: LegalBasis;
}

export class ContactListQuery extends ListQuery {
  @EnumQuery(CONTACT_RESULTS, 'Result.')
  result?: ContactResult;
}

export class ContactView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty({ format: 'date-time' }) contactedAt!: string;
  @ApiProperty({ enum: CONTACT_METHODS }) method!: ContactMethod;
  @ApiProperty({ enum: CONTACT_RESULTS }) result!: ContactResult;
  @ApiProperty() successful!: boolean;
  @ApiProperty({ enum: OBSERVATION_CODES, isArray: true }) observations!: ObservationCode[];
  @ApiProperty({ nullable: true, type: 'string' }) observationNote!: string | null;
  @ApiProperty({ type: CompanionDto, isArray: true }) accompaniedBy!: CompanionDto[];
  @ApiProperty({ nullable: true, type: 'string' }) nextAction!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) nextDueOn!: string | null;
  @ApiProperty({ enum: LEGAL_BASES }) legalBasis!: LegalBasis;
  @ApiProperty() recordedBy!: string;
}
