import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { VersionProperty } from '@tsunagu/platform-http';

const weight = (label: string) => ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: `Maximum points of ${label}.` });

/** Maximum points per scoring factor (integers 0–100); a suggestion's score is the sum of the points earned. */
export class MatchWeightsDto {
  @weight('目的の一致 (purpose)') @IsInt() @Min(0) @Max(100) purpose!: number;
  @weight('関心の一致 (interest)') @IsInt() @Min(0) @Max(100) interest!: number;
  @weight('参加できる日時 (schedule)') @IsInt() @Min(0) @Max(100) schedule!: number;
  @weight('近さ (proximity)') @IsInt() @Min(0) @Max(100) proximity!: number;
  @weight('配慮の充実 (accommodation)') @IsInt() @Min(0) @Max(100) accommodation!: number;
  @weight('人数の少なさ (group-size)') @IsInt() @Min(0) @Max(100) 'group-size'!: number;
  @weight('費用 (fee)') @IsInt() @Min(0) @Max(100) fee!: number;
  @weight('空きの余裕 (seats-left)') @IsInt() @Min(0) @Max(100) 'seats-left'!: number;
}

export class UpdateWeightsCommand extends MatchWeightsDto {
  @VersionProperty()
  version?: number;
}

export class WeightsView {
  @ApiProperty({ type: MatchWeightsDto }) weights!: MatchWeightsDto;
  @ApiProperty({ description: 'True while the engine defaults apply (nothing saved for this municipality).' }) isDefault!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) version!: number | null;
}
