import { Global, Module } from '@nestjs/common';
import { IdempotencyModule } from '@tsunagu/platform-idempotency';
import { MatchingAccess } from './matching-access';

/** What every matching context uses besides the event recorder (MessagingModule): who sees which need and match, and Idempotency-Key on POSTs (host agencies record follow-ups). */
@Global()
@Module({ imports: [IdempotencyModule.forService('matching')], providers: [MatchingAccess], exports: [MatchingAccess] })
export class MatchingSharedModule {}
