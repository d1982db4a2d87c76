import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { COORDINATOR_LAYERS, type CoordinatorLayer } from '@tsunagu/contracts';
import { ListQuery, BooleanQuery, DateProperty, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';

export class AssignCoordinatorCommand {
  @ApiProperty({ maxLength: 100, example: '香南地区 第2層SC' })
  @IsString()
  @Length(1, 100)
  staffDisplayName!: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: 'Subject of the staff member at the IdP.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  staffSubject?: string | null;

  @ApiProperty({ enum: COORDINATOR_LAYERS, description: '1 = city-wide, 2 = per district, 3 = inside a provider' })
  @IsIn(COORDINATOR_LAYERS)
  layer!: CoordinatorLayer;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true, description: 'Districts (layer 2).' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @CappedArray(200)
  @IsUUID('all', { each: true })
  districtIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  employerOrganizationId?: string | null;

  @ApiProperty({ format: 'date' })
  @DateProperty()
  assignedFrom!: string;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @DateProperty()
  assignedTo?: string | null;
}

export class UpdateCoordinatorCommand extends PartialType(AssignCoordinatorCommand) {
  @VersionProperty()
  version?: number;
}

export class CoordinatorListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: COORDINATOR_LAYERS })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsIn(COORDINATOR_LAYERS)
  layer?: CoordinatorLayer;

  @UuidQuery('Covers this district.')
  district?: string;

  @UuidQuery('Employed by this organisation.')
  organization?: string;

  @BooleanQuery('Only assignments current today (true) or ended (false).')
  current?: boolean;
}

export class CoordinatorView extends AssignCoordinatorCommand {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;
}
