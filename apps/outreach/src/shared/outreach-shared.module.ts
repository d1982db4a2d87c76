import { Global, Module } from '@nestjs/common';
import { IdempotencyModule } from '@tsunagu/platform-http';
import { TargetStages } from '../targets/target-stages';
import { OutreachEvents } from './outreach-events';

/**
 * What every outreach context uses: the event recorder on top of the transactional outbox, and the stage machine.
 * Idempotency-Key on POSTs (agencies log contacts on the targets assigned to them).
 */
@Global()
@Module({ imports: [IdempotencyModule.forService('outreach')], providers: [OutreachEvents, TargetStages], exports: [OutreachEvents, TargetStages] })
export class OutreachSharedModule {}
