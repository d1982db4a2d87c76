import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { HANDOVER_DESTINATIONS, HANDOVER_STATUSES, type HandoverDestination, type HandoverStatus } from '@tsunagu/contracts';

export class HandOverCommand {
  @ApiProperty({ enum: HANDOVER_DESTINATIONS, description: 'consultation: 相談受付 at the organisation; case: a 多機関協働 case it coordinates (needs the household and 重層的支援会議 consent).' })
  @IsIn(HANDOVER_DESTINATIONS)
  to!: HandoverDestination;

  @ApiProperty({ format: 'uuid', description: 'Organisation receiving the consultation, or coordinating the case (registry id).' })
  @IsUUID('all')
  toOrganizationId!: string;

  @ApiPropertyOptional({ maxLength: 4000, description: 'Note kept in outreach (never sent in the event).' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class HandoverView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty({ enum: HANDOVER_DESTINATIONS }) to!: HandoverDestination;
  @ApiProperty({ format: 'uuid' }) toOrganizationId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) householdId!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The consent that allowed it (intake ledger id).' }) consentId!: string;
  @ApiProperty({ format: 'uuid', description: 'Id of the consultation or case intake creates for it.' }) recordId!: string;
  @ApiProperty({ enum: HANDOVER_STATUSES, description: 'requested until intake’s record with recordId is seen, then linked.' }) status!: HandoverStatus;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) linkedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) note!: string | null;
}
