import { Global, Module } from '@nestjs/common';
import { IdempotencyModule } from '@tsunagu/platform-idempotency';

/** What every intake context uses besides the event recorder (MessagingModule): Idempotency-Key on POSTs. */
@Global()
@Module({ imports: [IdempotencyModule.forService('intake')] })
export class IntakeSharedModule {}
