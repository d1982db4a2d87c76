import { Global, Module } from '@nestjs/common';
import { OutboxService } from '@tsunagu/platform-messaging';
import { EVENT_OUTBOX, RegistryEvents } from './registry-events';

/** What every registry context uses: the event recorder, writing to the transactional outbox. */
@Global()
@Module({
  providers: [RegistryEvents, { provide: EVENT_OUTBOX, useExisting: OutboxService }],
  exports: [RegistryEvents],
})
export class RegistrySharedModule {}
