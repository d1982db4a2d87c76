import { Module } from '@nestjs/common';
import { GetNeedUseCase, ListNeedsUseCase } from './list-needs.usecase';
import { NeedsController } from './needs.controller';
import { RegisterNeedUseCase } from './register-need.usecase';
import { SuggestOpportunitiesUseCase } from './suggest-opportunities.usecase';
import { TransitionNeedUseCase } from './transition-need.usecase';
import { UpdateNeedUseCase } from './update-need.usecase';

/** 参加ニーズ: needs, their status machine and the ranked suggestions. */
@Module({
  controllers: [NeedsController],
  providers: [ListNeedsUseCase, GetNeedUseCase, RegisterNeedUseCase, UpdateNeedUseCase, TransitionNeedUseCase, SuggestOpportunitiesUseCase],
})
export class NeedsModule {}
