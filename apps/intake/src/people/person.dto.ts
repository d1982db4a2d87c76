import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { BIRTH_DATE_PRECISIONS, IDENTITY_LEVELS, PHONE_TYPES, SEXES, type BirthDatePrecision, type IdentityLevel, type PhoneType, type Sex } from '@tsunagu/contracts';
import { KeysetListQuery, DateProperty, EnumQuery, UuidQuery, VersionProperty, CappedArray, CommaListQuery } from '@tsunagu/platform-http';

// Digits may be typed full-width (０８７…); they are kept as entered and compared as digits.
const PHONE = /^[0-9０-９+＋\-－ー() （）]{6,24}$/;
/** `GET /persons?ids=`: at most one page (perPage ≤ 100). */
export const PERSON_IDS_MAX = 100;
const POSTAL_CODE = /^[0-9０-９]{3}[-－]?[0-9０-９]{4}$/;

export class AddressDto {
  @ApiPropertyOptional({ example: '760-0017', description: '〒 (7 digits, hyphen optional; full-width digits accepted).' })
  @IsOptional()
  @Matches(POSTAL_CODE, { message: 'postalCode must be a 7-digit postal code' })
  postalCode?: string;

  @ApiPropertyOptional({ example: '香川県' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  prefecture?: string;

  @ApiPropertyOptional({ example: '高松市' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  municipalityName?: string;

  @ApiPropertyOptional({ example: '番町一丁目', description: '町字 (大字・町名 / 丁目)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  machiaza?: string;

  @ApiPropertyOptional({ example: '8番15号', description: '番地・号' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  banchi?: string;

  @ApiPropertyOptional({ example: 'つなぐ荘101', description: '方書 (building, room)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  building?: string;
}

export class PhoneDto {
  @ApiProperty({ enum: PHONE_TYPES, description: '自宅 / 携帯 / 勤務先' })
  @IsIn(PHONE_TYPES)
  type!: PhoneType;

  @ApiProperty({ example: '087-000-0000' })
  @Matches(PHONE, { message: 'number must be a phone number (digits, -, +, parentheses)' })
  number!: string;
}

export class RegisterPersonCommand {
  @ApiPropertyOptional({ maxLength: 100, example: '山田', description: '姓 (kanji; 外字 and IVS kept exactly as entered). A person needs familyName or familyNameKana, or aliasName when the name is not known.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  familyName?: string | null;

  @ApiPropertyOptional({ maxLength: 100, example: '太郎', description: '名' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  givenName?: string | null;

  @ApiPropertyOptional({ maxLength: 100, example: 'ヤマダ', description: 'セイ: stored as 全角カタカナ (ｶﾅ and かな accepted)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  familyNameKana?: string | null;

  @ApiPropertyOptional({ maxLength: 100, example: 'タロウ', description: 'メイ' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  givenNameKana?: string | null;

  @ApiPropertyOptional({ maxLength: 100, nullable: true, description: '通称' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  aliasName?: string | null;

  @ApiPropertyOptional({ maxLength: 100, nullable: true, description: '旧姓' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  formerName?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'ISO date, not in the future; with a coarser precision, the first day of the known period.' })
  @IsOptional()
  @DateProperty()
  birthDate?: string | null;

  @ApiPropertyOptional({ enum: BIRTH_DATE_PRECISIONS, default: 'day' })
  @IsOptional()
  @IsIn(BIRTH_DATE_PRECISIONS)
  birthDatePrecision?: BirthDatePrecision;

  @ApiPropertyOptional({ enum: SEXES, default: 'unknown' })
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex;

  @ApiPropertyOptional({ type: AddressDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, description: 'The address exactly as given.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  addressRaw?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'コミュニティ協議会 district (registry).' })
  @IsOptional()
  @IsUUID('all')
  districtId?: string | null;

  @ApiPropertyOptional({ type: PhoneDto, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(10)
  @ValidateNested({ each: true })
  @Type(() => PhoneDto)
  phones?: PhoneDto[];

  @ApiPropertyOptional({ format: 'email', nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ default: false, description: '住基 DV等支援措置: hide the address from roles not allowed to see it.' })
  @IsOptional()
  @IsBoolean()
  dvAddressProtection?: boolean;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @DateProperty()
  deceasedOn?: string | null;

  @ApiPropertyOptional({
    enum: IDENTITY_LEVELS,
    default: 'unconfirmed',
    description: '匿名 / 通称のみ / 世帯・住所のみ / 未確認 / 確認済. 未確認 and 確認済 need familyName or familyNameKana; the others need aliasName when no name is known.',
  })
  @IsOptional()
  @IsIn(IDENTITY_LEVELS)
  identityLevel?: IdentityLevel;

  @ApiPropertyOptional({ default: false, description: 'Staff checked the duplicate candidates and this is a different person.' })
  @IsOptional()
  @IsBoolean()
  confirmNotDuplicate?: boolean;
}

export class UpdatePersonCommand extends PartialType(OmitType(RegisterPersonCommand, ['confirmNotDuplicate'] as const)) {
  @VersionProperty()
  version?: number;
}

export class PersonListQuery extends KeysetListQuery {
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @DateProperty()
  birthDate?: string;

  @UuidQuery('Lives in this district.')
  districtId?: string;

  @EnumQuery(IDENTITY_LEVELS, 'Identity level.')
  identityLevel?: IdentityLevel;

  /** Names for a page of another list (needs, matches, targets): one request, not one per row. */
  @CommaListQuery({
    max: PERSON_IDS_MAX,
    description: `Only these people (comma-separated ids, at most ${PERSON_IDS_MAX}). People the caller's desk may not see are left out, as in every list.`,
    example: '0190aaaa-0000-7000-8000-000000000001,0190aaaa-0000-7000-8000-000000000002',
    each: [IsUUID('all', { each: true })],
  })
  ids?: string[];
}

export class DuplicateCheckQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  familyNameKana?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  givenNameKana?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @DateProperty()
  birthDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string;
}

export class PersonView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ nullable: true, type: 'string' }) familyName!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) givenName!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) familyNameKana!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) givenNameKana!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) aliasName!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) formerName!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) birthDate!: string | null;
  @ApiProperty({ enum: BIRTH_DATE_PRECISIONS }) birthDatePrecision!: BirthDatePrecision;
  @ApiProperty({ enum: SEXES }) sex!: Sex;
  @ApiProperty({ type: AddressDto, nullable: true, description: 'null when masked (addressMasked).' }) address!: AddressDto | null;
  @ApiProperty({ nullable: true, type: 'string' }) addressRaw!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) districtId!: string | null;
  @ApiProperty({ description: 'The address exists but is hidden from this caller (DV address protection).' }) addressMasked!: boolean;
  @ApiProperty({ type: PhoneDto, isArray: true }) phones!: PhoneDto[];
  @ApiProperty({ nullable: true, type: 'string' }) email!: string | null;
  @ApiProperty() dvAddressProtection!: boolean;
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) deceasedOn!: string | null;
  @ApiProperty({ enum: IDENTITY_LEVELS }) identityLevel!: IdentityLevel;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt!: string;
}

export class DuplicateCandidateView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: 'string' }) familyName!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) givenName!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) familyNameKana!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) givenNameKana!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) birthDate!: string | null;
  @ApiProperty({ enum: ['kana-birth-date', 'phone'], isArray: true }) matchedOn!: ('kana-birth-date' | 'phone')[];
}
