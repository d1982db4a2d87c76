import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IntakeEvents } from './intake-events';

/** What every intake context uses: the event recorder on top of the transactional outbox, and Idempotency-Key on POSTs. */
@Global()
@Module({ providers: [IntakeEvents, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }], exports: [IntakeEvents] })
export class IntakeSharedModule {}
