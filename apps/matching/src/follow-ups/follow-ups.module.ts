import { Module } from '@nestjs/common';
import { ListMatchesUseCase } from '../matches/list-matches.usecase';
import { FollowUpsController } from './follow-ups.controller';
import { ListFollowUpsUseCase } from './list-follow-ups.usecase';
import { RecordFollowUpUseCase } from './record-follow-up.usecase';

/** 定着支援・受入先支援: follow-ups with due dates, and the overdue list. */
@Module({ controllers: [FollowUpsController], providers: [ListFollowUpsUseCase, RecordFollowUpUseCase, ListMatchesUseCase] })
export class FollowUpsModule {}
