import { Module } from '@nestjs/common';
import { ConsentCoverage } from './consent-coverage';
import { ConsentsController } from './consents.controller';
import { GetConsentUseCase, ListConsentsUseCase } from './list-consents.usecase';
import { RecordConsentUseCase } from './record-consent.usecase';
import { WithdrawConsentUseCase } from './withdraw-consent.usecase';

/** The consent ledger (同意台帳): what the person allowed, to whom, and when it ended. */
@Module({
  controllers: [ConsentsController],
  providers: [ConsentCoverage, ListConsentsUseCase, GetConsentUseCase, RecordConsentUseCase, WithdrawConsentUseCase],
  exports: [ConsentCoverage, RecordConsentUseCase, WithdrawConsentUseCase],
})
export class ConsentsModule {}
