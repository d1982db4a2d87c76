import { Global, Module } from '@nestjs/common';
import { IdempotencyModule } from '@tsunagu/platform-idempotency';
import { TargetStages } from '../targets/target-stages';
import { TargetAccess } from './target-access';

/**
 * What every outreach context uses besides the event recorder (MessagingModule): the stage machine and who sees which target.
 * Idempotency-Key on POSTs (agencies log contacts on the targets assigned to them).
 */
@Global()
@Module({ imports: [IdempotencyModule.forService('outreach')], providers: [TargetStages, TargetAccess], exports: [TargetStages, TargetAccess] })
export class OutreachSharedModule {}
