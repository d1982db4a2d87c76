import { Injectable, Logger, type BeforeApplicationShutdown, type INestApplicationContext, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { MessageHandler } from '@nestjs/microservices';
import { OutreachTargetHandedOver, type CloudEvent, type OutreachHandedOverData } from '@tsunagu/contracts';
import { ContractRegistry, JetStreamServer, type JetStreamContext } from '@tsunagu/platform-messaging';
import { ReceiveHandoverUseCase } from './receive-handover.usecase';

/**
 * Intake's consumer of outreach hand-overs: a durable JetStream consumer (`intake__tsunagu.evt.outreach.target.handed-over`)
 * on the platform's JetStreamServer — contract-checked, inbox-deduplicated, ack after commit, dead-lettered when it keeps
 * failing. Intake serves no other event subscriptions, so this module starts the transport itself when the app boots
 * instead of main.ts connecting a microservice; that also makes it run in every intake test app.
 */
@Injectable()
export class HandoverConsumer implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('HandoverConsumer');
  private server?: JetStreamServer;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly contracts: ContractRegistry,
    private readonly receive: ReceiveHandoverUseCase,
  ) {}

  onModuleInit(): void {
    // Received events are validated against the contract their publisher promised.
    this.contracts.addEvent(OutreachTargetHandedOver);
  }

  async onApplicationBootstrap(): Promise<void> {
    // forApp reads config, NATS connection, ORM and contracts from the container (it only calls get(token, { strict: false })).
    const server = JetStreamServer.forApp(this.moduleRef as unknown as INestApplicationContext);
    const handler = ((event: CloudEvent<OutreachHandedOverData>, ctx: JetStreamContext) => this.receive.execute(ctx.em, event.data).then(() => undefined)) as MessageHandler;
    server.addHandler(OutreachTargetHandedOver.subject, handler, true);
    await new Promise<void>((resolve, reject) => server.listen((error?: unknown) => (error ? reject(error) : resolve())));
    this.server = server;
    this.logger.log(`consuming ${OutreachTargetHandedOver.subject}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
