import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { BooleanQuery, ListQuery } from '@tsunagu/platform-http';

export class GrantEmergencyAccessCommand {
  @ApiProperty({ minLength: 10, maxLength: 1000, description: '緊急の理由: why the record must be opened now without a relationship (reviewed by supervisors and auditors).' })
  @IsString()
  @Length(10, 1000)
  reason!: string;
}

export class ReviewEmergencyAccessCommand {
  @ApiPropertyOptional({ maxLength: 2000, description: 'What the reviewer found (確認結果).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class EmergencyAccessListQuery extends ListQuery {
  @BooleanQuery('Only reviewed (true) or unreviewed (false) accesses; unreviewed come first either way.')
  reviewed?: boolean;
}

export class EmergencyAccessView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ description: 'Subject of the staff member who opened the record.' }) actor!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid', description: 'The actor’s desk.' }) organizationId!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) grantedAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) reviewedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) reviewedBy!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) reviewNote!: string | null;
}
