import { Logger } from '@nestjs/common';
import { ServerNats, type MessageHandler, type NatsOptions } from '@nestjs/microservices';
import { MESSAGE_HEADERS } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode } from '@tsunagu/platform-errors';
import type { RpcErrorPayload } from './rpc-exception.filter';

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
 * requests (docs/operations/nats-users.md). A request without a valid header is refused here, for every handler,
 * with an `unauthenticated` error reply; no handler runs, so none needs its own check.
 */
export class RpcNatsServer extends ServerNats {
  private readonly log = new Logger('RpcNatsServer');

  constructor(options: Required<NatsOptions>['options']) {
    super(options);
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    if (isEventHandler) return;
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  override async handleMessage(channel: string, natsMsg: NatsMsg): Promise<unknown> {
    const municipality = callerMunicipality(natsMsg);
    if (!municipality) return this.refuseWithoutMunicipality(channel, natsMsg);
    return TenantContext.run({ requestId: rpcRequestId(natsMsg), municipality }, () => super.handleMessage(channel, natsMsg));
  }

  /** Replies as RpcDomainExceptionFilter would to an Unauthenticated DomainException, so RpcClient maps it back to one. */
  private async refuseWithoutMunicipality(channel: string, natsMsg: NatsMsg): Promise<void> {
    this.log.warn(`Refused ${channel}: the request names no caller municipality (${MESSAGE_HEADERS.municipality} header)`);
    if (!natsMsg.reply) return;
    const message = await this.deserializer.deserialize(natsMsg.data, { channel, replyTo: natsMsg.reply });
    if (!('id' in message)) return;
    const err: RpcErrorPayload = {
      code: DomainErrorCode.Unauthenticated,
      message: `${channel}: the request names no caller municipality (${MESSAGE_HEADERS.municipality} header)`,
      details: { subject: channel },
    };
    const reply = this.serializer.serialize({ id: message.id, err, isDisposed: true });
    natsMsg.respond(reply.data, { headers: reply.headers });
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
