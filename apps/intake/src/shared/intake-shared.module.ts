import { Global, Module } from '@nestjs/common';
import { TSUNAGU_CONFIG } from '@tsunagu/platform-config';
import { IdempotencyModule } from '@tsunagu/platform-http';
import { PersonPseudonyms } from '@tsunagu/util-pseudonym';
import { IntakeEvents } from './intake-events';

/** What every intake context uses: the event recorder on top of the transactional outbox, and Idempotency-Key on POSTs. */
@Global()
@Module({ imports: [IdempotencyModule.forService('intake')], providers: [{ provide: PersonPseudonyms, useFactory: PersonPseudonyms.fromConfig, inject: [TSUNAGU_CONFIG] }, IntakeEvents], exports: [IntakeEvents] })
export class IntakeSharedModule {}
