import { Module } from '@nestjs/common';
import { BuildMeetingPackUseCase } from './build-meeting-pack.usecase';
import { ListMeetingsUseCase } from './list-meetings.usecase';
import { MeetingsController } from './meetings.controller';
import { ScheduleMeetingUseCase } from './schedule-meeting.usecase';
import { TransitionMeetingUseCase } from './transition-meeting.usecase';

/** 支援会議 (社福法106条の6), 重層的支援会議 and other case conferences, with their packs. */
@Module({
  controllers: [MeetingsController],
  providers: [ListMeetingsUseCase, ScheduleMeetingUseCase, TransitionMeetingUseCase, BuildMeetingPackUseCase],
  exports: [ListMeetingsUseCase, BuildMeetingPackUseCase],
})
export class MeetingsModule {}
