import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FOLLOW_UP_METHODS, FOLLOW_UP_SIDES, type FollowUpMethod, type FollowUpSide } from '@tsunagu/contracts';
import { DateProperty, ListQuery } from '@tsunagu/platform-http';

export class RecordFollowUpCommand {
  @ApiProperty({ enum: FOLLOW_UP_SIDES, description: '本人（定着支援） / 受入先（受入先支援） / 双方' })
  @IsIn(FOLLOW_UP_SIDES)
  side!: FollowUpSide;

  @ApiProperty({ enum: FOLLOW_UP_METHODS, description: '訪問 / 同行 / 電話 / 面談 / オンライン / その他' })
  @IsIn(FOLLOW_UP_METHODS)
  method!: FollowUpMethod;

  @ApiPropertyOptional({ format: 'date', description: 'Day it took place (default today, Japan time).' })
  @IsOptional()
  @DateProperty()
  heldOn?: string;

  @ApiPropertyOptional({ maxLength: 4000, description: '課題' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  issues?: string;

  @ApiPropertyOptional({ maxLength: 4000, description: '調整内容' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  adjustments?: string;

  @ApiPropertyOptional({ format: 'date', description: 'When the next follow-up is due (default MATCHING_FOLLOW_UP_DAYS after heldOn).' })
  @IsOptional()
  @DateProperty()
  nextDueOn?: string;
}

export class FollowUpListQuery extends ListQuery {}

export class FollowUpView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) matchId!: string;
  @ApiProperty({ enum: FOLLOW_UP_SIDES }) side!: FollowUpSide;
  @ApiProperty({ enum: FOLLOW_UP_METHODS }) method!: FollowUpMethod;
  @ApiProperty({ format: 'date' }) heldOn!: string;
  @ApiProperty({ type: 'string', nullable: true }) issues!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) adjustments!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) nextDueOn!: string | null;
  @ApiProperty() staff!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) staffOrganizationId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
