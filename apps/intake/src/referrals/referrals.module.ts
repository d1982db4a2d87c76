import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { GetReferralUseCase, ListReferralsUseCase } from './list-referrals.usecase';
import { ReferralsController } from './referrals.controller';
import { RequestReferralUseCase } from './request-referral.usecase';
import { TransitionReferralUseCase } from './transition-referral.usecase';

/** つなぎ as a closed loop: 依頼 → 受理/不受理 → 完了/不調, with a follow-up date in business days. */
@Module({
  imports: [ConsentsModule],
  controllers: [ReferralsController],
  providers: [ListReferralsUseCase, GetReferralUseCase, RequestReferralUseCase, TransitionReferralUseCase],
  exports: [RequestReferralUseCase, TransitionReferralUseCase],
})
export class ReferralsModule {}
