import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';
import { AUDIT_CREATED_ID } from './audit-trail';

/** Remembers the id of a record a handler returns, so a `create` is audited with the new record's id. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ [AUDIT_CREATED_ID]?: string }>();
    return next.handle().pipe(
      tap((result) => {
        const id = (result as { id?: unknown } | null | undefined)?.id;
        if (typeof id === 'string') request[AUDIT_CREATED_ID] = id;
      }),
    );
  }
}
