import { ServerNats, type MessageHandler, type NatsOptions } from '@nestjs/microservices';
import { MESSAGE_HEADERS } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';

type NatsMsg = Parameters<ServerNats['handleMessage']>[1];

const MUNICIPALITY_CODE = /^[0-9]{6}$/;

/**
 * Nest's built-in NATS server, limited to request-reply. It skips `@EventPattern` handlers: those are fed by
 * JetStreamServer, and a plain core-NATS subscription on an event subject would run them a second time,
 * outside the inbox transaction and without acks.
 *
 * Each request runs in a TenantContext whose municipality is the caller's, from the `tsunagu-municipality` header
 * RpcClient sets from the caller's own context (ADR 0015): handlers read `TenantContext.requireMunicipality()`,
 * never a municipality in the payload. Only services NATS lets publish on this service's RPC subjects can send
 * requests (docs/operations/nats-users.md). Without a valid header the context has no municipality, so tenant
 * work is refused.
 */
export class RpcNatsServer extends ServerNats {
  constructor(options: Required<NatsOptions>['options']) {
    super(options);
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    if (isEventHandler) return;
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  override handleMessage(channel: string, natsMsg: NatsMsg): Promise<unknown> {
    return TenantContext.run({ requestId: rpcRequestId(natsMsg), municipality: callerMunicipality(natsMsg) }, () => super.handleMessage(channel, natsMsg));
  }
}

/** The municipality the caller acts for (`tsunagu-municipality`), when it is a 全国地方公共団体コード. */
export function callerMunicipality(natsMsg: { headers?: { get(key: string): string } }): string | undefined {
  const value = natsMsg.headers?.get(MESSAGE_HEADERS.municipality);
  return value && MUNICIPALITY_CODE.test(value) ? value : undefined;
}

function rpcRequestId(natsMsg: { headers?: { get(key: string): string } }): string {
  const value = natsMsg.headers?.get(MESSAGE_HEADERS.requestId);
  return value && /^[\w.:-]{1,100}$/.test(value) ? value : 'rpc';
}
