import { Module } from '@nestjs/common';
import { ApplyConsentEventUseCase } from './apply-consent-event.usecase';
import { ConsentEventHandlers } from './consent-events.handlers';

/** Copies of intake's consents (ConsentRecorded / Refused / Withdrawn) for the consent gate. */
@Module({ controllers: [ConsentEventHandlers], providers: [ApplyConsentEventUseCase] })
export class ConsentsModule {}
