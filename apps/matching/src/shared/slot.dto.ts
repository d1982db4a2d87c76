import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { TIME_SLOTS, WEEKDAYS, type TimeSlot, type Weekday } from '@tsunagu/contracts';
import { CappedArray } from '@tsunagu/platform-http';

/** One weekday × time slot (e.g. 火曜午前), for a need's availability and a menu's sessions. */
export class WeeklySlotDto {
  @ApiProperty({ enum: WEEKDAYS, description: '月 mo … 日 su' })
  @IsIn(WEEKDAYS)
  weekday!: Weekday;

  @ApiProperty({ enum: TIME_SLOTS, description: '午前 / 午後 / 夜間' })
  @IsIn(TIME_SLOTS)
  slot!: TimeSlot;
}

/** An optional list of weekday × time slots (at most the 21 there are). */
export const WeeklySlotsProperty = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: WeeklySlotDto, isArray: true, description }),
    IsOptional(),
    IsArray(),
    CappedArray(21),
    ValidateNested({ each: true }),
    Type(() => WeeklySlotDto),
  );

/** An optional list of short words (interests, activity tags) matched against each other. */
export const WordsProperty = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'string', isArray: true, maxItems: 20, description }),
    IsOptional(),
    IsArray(),
    CappedArray(20),
    ArrayUnique(),
    IsString({ each: true }),
    MaxLength(30, { each: true }),
  );

/** Slots without repeats, in the order given. */
export function uniqueSlots(slots: readonly { weekday: Weekday; slot: TimeSlot }[]): { weekday: Weekday; slot: TimeSlot }[] {
  const seen = new Set<string>();
  return slots.filter((entry) => !seen.has(`${entry.weekday}:${entry.slot}`) && seen.add(`${entry.weekday}:${entry.slot}`)).map((entry) => ({ weekday: entry.weekday, slot: entry.slot }));
}

/** Trimmed words without empties. */
export function cleanWords(words: readonly string[]): string[] {
  return words.map((word) => word.trim()).filter((word) => word.length > 0);
}
