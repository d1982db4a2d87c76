import { Global, Module } from '@nestjs/common';
import { IntakeEvents } from './intake-events';

/** What every intake context uses: the event recorder on top of the transactional outbox. */
@Global()
@Module({ providers: [IntakeEvents], exports: [IntakeEvents] })
export class IntakeSharedModule {}
