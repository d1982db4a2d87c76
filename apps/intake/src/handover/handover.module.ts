import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { HandoverEventHandlers } from './handover-events.handlers';
import { ReceiveHandoverUseCase } from './receive-handover.usecase';

/** Hand-overs from outreach (アウトリーチ → 相談受付 / 多機関協働), received by event and checked against intake's consent ledger. */
@Module({ imports: [ConsentsModule], controllers: [HandoverEventHandlers], providers: [ReceiveHandoverUseCase] })
export class HandoverModule {}
