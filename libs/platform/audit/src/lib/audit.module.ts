import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TSUNAGU_CONFIG, type PlatformConfig } from '@tsunagu/platform-config';
import { AuditRecordsController } from './audit-records.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditMetrics } from './audit-metrics';
import { AUDIT_OPTIONS, AuditService, type AuditOptions } from './audit.service';
import { AuditTrail } from './audit-trail';

@Global()
@Module({})
export class AuditModule {
  /**
   * The audit trail of `service` (table `<service>.audit_record`, created by `auditMigrationSql`):
   * `AuditService`, the `@Audited` route hook, and the auditor API under `/api/<service>/audit-records`.
   * Needs PersistenceModule.forService and AuthModule.forRoot in the same application.
   */
  static forService(service: string): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditRecordsController],
      providers: [
        {
          provide: AUDIT_OPTIONS,
          inject: [TSUNAGU_CONFIG],
          useFactory: (config: PlatformConfig): AuditOptions => ({ schema: service, checkpointKey: config.AUDIT_CHECKPOINT_KEY }),
        },
        AuditService,
        AuditTrail,
        AuditMetrics,
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
      exports: [AuditService],
    };
  }
}
