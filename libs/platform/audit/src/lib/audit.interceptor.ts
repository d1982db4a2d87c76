import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { TenantContext } from '@tsunagu/platform-context';
import { tap, type Observable } from 'rxjs';
import { AUDIT_READ_ACTIONS, normaliseSubjectIds } from './audit-record';
import { openPendingAudit } from './audit-pending';
import { AUDIT_CREATED_ID, AUDIT_PENDING, AUDIT_STATE, AUDIT_SUBJECTS, auditActionOf, auditCallerOf, auditResourceIdOf, routeAuditConfig, type AuditedRequest } from './audit-trail';
import { AuditService } from './audit.service';

/**
 * Opens the pending audit record of a write before its handler runs (the transaction hook writes it with the
 * change), and evaluates the route's `subjects` and created id on the value the handler returns.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const config = routeAuditConfig(request);
    if (config?.resourceType) {
      request[AUDIT_STATE] = TenantContext.current();
      const action = auditActionOf(config, request);
      if (!AUDIT_READ_ACTIONS.includes(action)) {
        const declared = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
        const pending = {
          facts: this.audit.facts({
            action,
            resourceType: config.resourceType,
            resourceId: auditResourceIdOf(config, request),
            // Written at commit, before the response exists: the status the route answers when it succeeds.
            outcome: 'success',
            httpStatus: declared ?? (request.method === 'POST' ? 201 : 200),
            ...auditCallerOf(request),
          }),
          subjectIds: new Set<string>(),
          written: false,
        };
        request[AUDIT_PENDING] = pending;
        openPendingAudit(pending);
      }
    }
    return next.handle().pipe(
      tap((result) => {
        const id = (result as { id?: unknown } | null | undefined)?.id;
        if (typeof id === 'string') request[AUDIT_CREATED_ID] = id;
        if (config?.subjects && result !== undefined) request[AUDIT_SUBJECTS] = normaliseSubjectIds(config.subjects(result, request));
      }),
    );
  }
}
