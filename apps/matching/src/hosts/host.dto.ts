import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  ACCOMMODATIONS,
  HOST_AGREEMENT_STATUSES,
  HOST_TYPES,
  PARTICIPATION_PURPOSES,
  type Accommodation,
  type HostAgreementStatus,
  type HostType,
  type ParticipationPurpose,
} from '@tsunagu/contracts';
import { EnumQuery, ListQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';

export class HostFields {
  @ApiProperty({ maxLength: 200, description: 'Name of the organisation as hosts are listed (public name).' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: HOST_TYPES, isArray: true, description: '企業 / 農家 / 社会福祉法人 / NPO / 地域団体・サロン / 商店 / 公共施設 / その他' })
  @IsArray()
  @CappedArray(HOST_TYPES.length)
  @ArrayUnique()
  @IsIn(HOST_TYPES, { each: true })
  hostTypes!: HostType[];

  @ApiProperty({ enum: PARTICIPATION_PURPOSES, isArray: true, description: 'Purposes the host takes people in for.' })
  @IsArray()
  @CappedArray(PARTICIPATION_PURPOSES.length)
  @ArrayUnique()
  @IsIn(PARTICIPATION_PURPOSES, { each: true })
  accepts!: ParticipationPurpose[];

  @ApiPropertyOptional({ enum: ACCOMMODATIONS, isArray: true, description: '合理的配慮 offered on every menu.' })
  @IsOptional()
  @IsArray()
  @CappedArray(ACCOMMODATIONS.length)
  @ArrayUnique()
  @IsIn(ACCOMMODATIONS, { each: true })
  accommodations?: Accommodation[];

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  accommodationNotes?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: 'Contact person at the host (担当者).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactPerson?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(44)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  districtIds?: string[];

  @ApiPropertyOptional({ enum: HOST_AGREEMENT_STATUSES, description: '登録 / 協定締結 / 休止 / 解除' })
  @IsOptional()
  @IsIn(HOST_AGREEMENT_STATUSES)
  agreementStatus?: HostAgreementStatus;
}

export class RegisterHostCommand extends HostFields {
  @ApiProperty({ format: 'uuid', description: 'Registry organisation.' })
  @IsUUID('all')
  organizationId!: string;
}

export class UpdateHostCommand extends PartialType(HostFields) {
  @VersionProperty()
  version?: number;
}

export class HostListQuery extends ListQuery {
  @EnumQuery(HOST_AGREEMENT_STATUSES, 'Agreement status.')
  agreementStatus?: HostAgreementStatus;

  @UuidQuery('Registry organisation.')
  organizationId?: string;

  @EnumQuery(PARTICIPATION_PURPOSES, 'Accepts this purpose.')
  accepts?: ParticipationPurpose;
}

export class HostView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: HOST_TYPES, isArray: true }) hostTypes!: HostType[];
  @ApiProperty({ enum: PARTICIPATION_PURPOSES, isArray: true }) accepts!: ParticipationPurpose[];
  @ApiProperty({ enum: ACCOMMODATIONS, isArray: true }) accommodations!: Accommodation[];
  @ApiProperty({ type: 'string', nullable: true }) accommodationNotes!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) contactPerson!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true }) districtIds!: string[];
  @ApiProperty({ enum: HOST_AGREEMENT_STATUSES }) agreementStatus!: HostAgreementStatus;
  @ApiProperty({ format: 'date' }) registeredOn!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
}
