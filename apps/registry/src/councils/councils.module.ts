import { Module } from '@nestjs/common';
import {
  EstablishCouncilUseCase,
  GetCouncilUseCase,
  ListCouncilMeetingsUseCase,
  ListCouncilsUseCase,
  RecordCouncilMeetingUseCase,
  UpdateCouncilMeetingUseCase,
  UpdateCouncilUseCase,
} from './council.usecases';
import { CouncilsController } from './councils.controller';

/** 協議体 (layer 1 and the district 地域福祉ネットワーク会議) and their meetings. */
@Module({
  controllers: [CouncilsController],
  providers: [
    ListCouncilsUseCase,
    GetCouncilUseCase,
    EstablishCouncilUseCase,
    UpdateCouncilUseCase,
    ListCouncilMeetingsUseCase,
    RecordCouncilMeetingUseCase,
    UpdateCouncilMeetingUseCase,
  ],
})
export class CouncilsModule {}
