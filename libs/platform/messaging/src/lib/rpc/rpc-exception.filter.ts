import { Catch, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseRpcExceptionFilter, RpcException } from '@nestjs/microservices';
import { ContractViolationError } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { StaleVersionError } from '@tsunagu/platform-persistence';
import { randomUUID } from 'node:crypto';
import type { Observable } from 'rxjs';

/** What crosses NATS when a request-reply handler fails; RpcClient maps `code` back to a DomainException. */
export interface RpcErrorPayload {
  code: DomainErrorCode | 'internal';
  message: string;
  details: Record<string, unknown>;
}

export function toRpcError(error: unknown): RpcErrorPayload | undefined {
  if (error instanceof DomainException) return { code: error.code, message: error.message, details: { ...error.details } };
  if (error instanceof StaleVersionError) return { code: DomainErrorCode.StaleVersion, message: error.message, details: { currentVersion: error.actual } };
  if (error instanceof ContractViolationError) {
    return { code: DomainErrorCode.ValidationFailed, message: error.message, details: { problems: error.problems } };
  }
  return undefined;
}

/**
 * RPC counterpart of the HTTP problem-details filter. Apply it to RPC controllers with `@UseFilters(RpcDomainExceptionFilter)`
 * (method and controller filters take precedence over the inherited HTTP filter, which rethrows for non-HTTP hosts).
 * Unknown errors cross as `internal` with only an errorId, which is logged here.
 */
@Catch()
export class RpcDomainExceptionFilter extends BaseRpcExceptionFilter {
  private readonly log = new Logger('RpcErrors');

  override catch(exception: unknown, host: ArgumentsHost): Observable<unknown> {
    if (exception instanceof RpcException) return super.catch(exception, host);
    const known = toRpcError(exception);
    if (known) return super.catch(new RpcException(known), host);
    const errorId = randomUUID();
    this.log.error({ errorId, err: exception }, `Unhandled RPC error ${errorId}`);
    const payload: RpcErrorPayload = { code: 'internal', message: `Internal error ${errorId}`, details: { errorId } };
    return super.catch(new RpcException(payload), host);
  }
}
