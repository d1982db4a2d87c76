import type { EntityManager } from '@mikro-orm/core';
import { BaseRpcContext } from '@nestjs/microservices';
import type { CloudEvent } from '@tsunagu/contracts';
import type { JsMsg } from '@nats-io/jetstream';

/**
 * What an event handler gets besides the event (`@Ctx() ctx: JetStreamContext`): the EntityManager of the
 * transaction that also records the inbox row — write through `ctx.em` so the effect commits exactly once.
 */
export class JetStreamContext<TData = unknown> extends BaseRpcContext<[string, JsMsg]> {
  constructor(
    /** Transactional EntityManager (fresh identity map per message). */
    readonly em: EntityManager,
    readonly event: CloudEvent<TData>,
    message: JsMsg,
    /** Durable consumer name. */
    readonly consumer: string,
    /** How often the event has been tried, this time included (redeliveries and attempts in place); the message's delivery count when not given. */
    private readonly attempts?: number,
  ) {
    super([message.subject, message]);
  }

  getSubject(): string {
    return this.args[0];
  }

  getMessage(): JsMsg {
    return this.args[1];
  }

  /** 1 on the first attempt. */
  get deliveries(): number {
    return this.attempts ?? this.args[1].info.deliveryCount;
  }
}
