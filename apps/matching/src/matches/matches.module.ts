import { Module } from '@nestjs/common';
import { GetMatchUseCase, ListMatchesUseCase } from './list-matches.usecase';
import { MatchesController } from './matches.controller';
import { ProposeMatchUseCase } from './propose-match.usecase';
import { TransitionMatchUseCase } from './transition-match.usecase';

/** Matches: 提案 → 見学 → 体験 → 参加開始（定着支援中）→ 定着, or 中断 / 終了. */
@Module({ controllers: [MatchesController], providers: [ListMatchesUseCase, GetMatchUseCase, ProposeMatchUseCase, TransitionMatchUseCase] })
export class MatchesModule {}
