import { ServerNats, type MessageHandler, type NatsOptions } from '@nestjs/microservices';

/**
 * Nest's built-in NATS server, limited to request-reply. It skips `@EventPattern` handlers: those are fed by
 * JetStreamServer, and a plain core-NATS subscription on an event subject would run them a second time,
 * outside the inbox transaction and without acks.
 */
export class RpcNatsServer extends ServerNats {
  constructor(options: Required<NatsOptions>['options']) {
    super(options);
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    if (isEventHandler) return;
    super.addHandler(pattern, callback, isEventHandler, extras);
  }
}
