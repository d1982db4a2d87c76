import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import {
  JUSOU_ROLES,
  ORGANIZATION_FIELDS,
  ORGANIZATION_OPERATIONS,
  ORGANIZATION_TYPES,
  type JusouRole,
  type OrganizationField,
  type OrganizationOperation,
  type OrganizationType,
} from '@tsunagu/contracts';
import { KeysetListQuery, BooleanQuery, EnumQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';
import { ContactDto } from '../shared/contact.dto';

export class RegisterOrganizationCommand {
  @ApiProperty({ maxLength: 200, example: '高松市地域包括支援センター' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'かな or カナ; stored as katakana.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  kana?: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  @IsIn(ORGANIZATION_TYPES)
  type!: OrganizationType;

  @ApiPropertyOptional({ enum: ORGANIZATION_FIELDS, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(ORGANIZATION_FIELDS.length)
  @ArrayUnique()
  @IsIn(ORGANIZATION_FIELDS, { each: true })
  fields?: OrganizationField[];

  @ApiPropertyOptional({ enum: JUSOU_ROLES, isArray: true, description: 'Roles in 重層 (第1〜6号).' })
  @IsOptional()
  @IsArray()
  @CappedArray(JUSOU_ROLES.length)
  @ArrayUnique()
  @IsIn(JUSOU_ROLES, { each: true })
  jusouRoles?: JusouRole[];

  @ApiPropertyOptional({ enum: ORGANIZATION_OPERATIONS, nullable: true, description: '直営 / 委託 / 補助 / 協力' })
  @IsOptional()
  @IsIn(ORGANIZATION_OPERATIONS)
  operation?: OrganizationOperation | null;

  @ApiPropertyOptional({ default: false, description: 'Private operator under APPI (民間規律) rather than a public body.' })
  @IsOptional()
  @IsBoolean()
  isAppiPrivateOperator?: boolean;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @CappedArray(200)
  @IsUUID('all', { each: true })
  districtIds?: string[];

  @ApiPropertyOptional({ type: ContactDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto | null;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;
}

export class UpdateOrganizationCommand extends PartialType(RegisterOrganizationCommand) {
  @ApiPropertyOptional({ description: 'Archive (true) instead of deleting; archived organisations stay referable.' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;

  @VersionProperty()
  version?: number;
}

export class OrganizationListQuery extends KeysetListQuery {
  @EnumQuery(ORGANIZATION_TYPES, 'Organisation type.')
  type?: OrganizationType;

  @EnumQuery(ORGANIZATION_FIELDS, 'Works in this field.')
  field?: OrganizationField;

  @EnumQuery(JUSOU_ROLES, 'Has this 重層 role.')
  jusouRole?: JusouRole;

  @UuidQuery('Serves this district.')
  district?: string;

  @BooleanQuery('Archived (true) or current (false) organisations; both when omitted.')
  archived?: boolean;
}

export class OrganizationView extends RegisterOrganizationCommand {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  archived!: boolean;

  @ApiProperty({ type: 'integer' })
  version!: number;
}
