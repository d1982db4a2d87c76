import { Global, Module } from '@nestjs/common';
import { TargetStages } from '../targets/target-stages';
import { OutreachEvents } from './outreach-events';

/**
 * What every outreach context uses: the event recorder on top of the transactional outbox, and the stage machine.
 * Idempotency-Key on POSTs is not applied: intake's interceptor lives in apps/intake, not in a shared library.
 */
@Global()
@Module({ providers: [OutreachEvents, TargetStages], exports: [OutreachEvents, TargetStages] })
export class OutreachSharedModule {}
