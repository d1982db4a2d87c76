import { Global, Module } from '@nestjs/common';
import { TSUNAGU_CONFIG } from '@tsunagu/platform-config';
import { IdempotencyModule } from '@tsunagu/platform-http';
import { MatchingAccess } from './matching-access';
import { PersonPseudonyms } from '@tsunagu/util-pseudonym';
import { MatchingEvents } from './matching-events';

/** What every matching context uses: the event recorder on top of the transactional outbox, who sees which need and match, and Idempotency-Key on POSTs (host agencies record follow-ups). */
@Global()
@Module({ imports: [IdempotencyModule.forService('matching')], providers: [{ provide: PersonPseudonyms, useFactory: PersonPseudonyms.fromConfig, inject: [TSUNAGU_CONFIG] }, MatchingEvents, MatchingAccess], exports: [MatchingEvents, MatchingAccess] })
export class MatchingSharedModule {}
