import { Global, Module } from '@nestjs/common';
import { MatchingEvents } from './matching-events';

/** What every matching context uses: the event recorder on top of the transactional outbox. */
@Global()
@Module({ providers: [MatchingEvents], exports: [MatchingEvents] })
export class MatchingSharedModule {}
