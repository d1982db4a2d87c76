import { Global, Module } from '@nestjs/common';
import { IdempotencyModule } from '@tsunagu/platform-http';
import { IntakeEvents } from './intake-events';

/** What every intake context uses: the event recorder on top of the transactional outbox, and Idempotency-Key on POSTs. */
@Global()
@Module({ imports: [IdempotencyModule.forService('intake')], providers: [IntakeEvents], exports: [IntakeEvents] })
export class IntakeSharedModule {}
