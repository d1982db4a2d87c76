import { Global, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import { TSUNAGU_CONFIG, type PlatformConfig } from '@tsunagu/platform-config';
import { AuditRecordsController } from './audit-records.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditMetrics } from './audit-metrics';
import { AUDIT_OPTIONS, AuditService, type AuditOptions } from './audit.service';
import { AuditSealer } from './audit-sealer';
import { AuditTrail } from './audit-trail';
import { AuditTransactionSubscriber } from './audit-transaction.subscriber';

/** Which entities and properties name the persons and households a write changes (defaults: Person, Household; personId, personIds, householdId, keyPersonId). */
export type AuditSubjectOptions = Pick<AuditOptions, 'subjectEntities' | 'subjectProperties'>;

/** Hooks the write-audit subscriber into the ORM of the application. */
@Injectable()
class AuditTransactionHook implements OnModuleInit {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.orm.em.getEventManager().registerSubscriber(new AuditTransactionSubscriber(this.audit));
  }
}

@Global()
@Module({})
export class AuditModule {
  /**
   * The audit trail of `service` (table `<service>.audit_record`, created by `auditMigrationSql` and moved to
   * sealing by `auditSealingMigrationSql`): `AuditService`, the `@Audited` route hooks (writes recorded in their
   * business transaction, everything else before the response), the sealer, and the auditor API under
   * `/api/<service>/audit-records`. Needs PersistenceModule.forService and AuthModule.forRoot in the same application.
   */
  static forService(service: string, subjects: AuditSubjectOptions = {}): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditRecordsController],
      providers: [
        {
          provide: AUDIT_OPTIONS,
          inject: [TSUNAGU_CONFIG],
          useFactory: (config: PlatformConfig): AuditOptions => ({
            schema: service,
            checkpointKey: config.AUDIT_CHECKPOINT_KEY,
            sealIntervalMs: config.AUDIT_SEAL_INTERVAL_MS,
            sealSettleMs: config.AUDIT_SEAL_SETTLE_MS,
            unsealedBoundSeconds: config.AUDIT_UNSEALED_BOUND_SECONDS,
            checkpointIntervalSeconds: config.AUDIT_CHECKPOINT_INTERVAL_SECONDS,
            ...subjects,
          }),
        },
        AuditService,
        AuditTrail,
        AuditSealer,
        AuditTransactionHook,
        AuditMetrics,
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
      exports: [AuditService, AuditSealer],
    };
  }
}
