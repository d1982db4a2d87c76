import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { TIME_SLOTS, WEEKDAYS, type TimeSlot, type Weekday } from '@tsunagu/contracts';

/** One weekday × time slot (e.g. 火曜午前), for a need's availability and a menu's sessions. */
export class WeeklySlotDto {
  @ApiProperty({ enum: WEEKDAYS, description: '月 mo … 日 su' })
  @IsIn(WEEKDAYS)
  weekday!: Weekday;

  @ApiProperty({ enum: TIME_SLOTS, description: '午前 / 午後 / 夜間' })
  @IsIn(TIME_SLOTS)
  slot!: TimeSlot;
}
