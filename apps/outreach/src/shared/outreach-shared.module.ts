import { Global, Module } from '@nestjs/common';
import { TSUNAGU_CONFIG } from '@tsunagu/platform-config';
import { IdempotencyModule } from '@tsunagu/platform-http';
import { PersonPseudonyms } from '@tsunagu/util-pseudonym';
import { TargetStages } from '../targets/target-stages';
import { OutreachEvents } from './outreach-events';
import { TargetAccess } from './target-access';

/**
 * What every outreach context uses: the event recorder on top of the transactional outbox, the stage machine and who sees which target.
 * Idempotency-Key on POSTs (agencies log contacts on the targets assigned to them).
 */
@Global()
@Module({ imports: [IdempotencyModule.forService('outreach')], providers: [{ provide: PersonPseudonyms, useFactory: PersonPseudonyms.fromConfig, inject: [TSUNAGU_CONFIG] }, OutreachEvents, TargetStages, TargetAccess], exports: [OutreachEvents, TargetStages, TargetAccess] })
export class OutreachSharedModule {}
