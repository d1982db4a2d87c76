import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ClientProxy, NatsRecordBuilder } from '@nestjs/microservices';
import { assertMatchesSchema, MESSAGE_HEADERS, type RpcContract } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { headers as natsHeaders } from 'nats';
import { lastValueFrom, timeout, TimeoutError } from 'rxjs';
import { RPC_CLIENT_PROXY, RPC_CLIENT_SETTINGS } from '../messaging.constants';
import { injectTraceHeaders } from '../trace-propagation';

export interface RpcClientSettings {
  /** NATS_REQUEST_TIMEOUT_MS. */
  timeoutMs: number;
}

const domainCodes = new Set<string>(Object.values(DomainErrorCode));

function isRemoteError(error: unknown): error is { code: string; message?: string; details?: Record<string, unknown> } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Request-reply to another service through a contract, on behalf of the current TenantContext's municipality (sent
 * as the `tsunagu-municipality` header; calling outside a tenant context throws). Request and response are validated
 * against the contract; a peer that is down or silent becomes UpstreamUnavailable after the timeout, and the peer's
 * domain error codes come back as the same DomainException.
 */
@Injectable()
export class RpcClient implements OnApplicationBootstrap {
  constructor(
    @Inject(RPC_CLIENT_PROXY) private readonly proxy: ClientProxy,
    @Inject(RPC_CLIENT_SETTINGS) private readonly settings: RpcClientSettings,
  ) {}

  /** Connects on boot so a wrong NATS_URL fails the start instead of the first request. */
  async onApplicationBootstrap(): Promise<void> {
    await this.proxy.connect();
  }

  async call<TRequest, TResponse>(contract: RpcContract<TRequest, TResponse>, request: TRequest): Promise<TResponse> {
    assertMatchesSchema(`${contract.subject} request`, contract.request, request);
    const headers = natsHeaders();
    injectTraceHeaders(headers);
    // The peer runs the request as this municipality, whatever the payload says (RpcNatsServer, ADR 0015).
    headers.set(MESSAGE_HEADERS.municipality, TenantContext.requireMunicipality());
    const requestId = TenantContext.requestId();
    if (requestId) headers.set(MESSAGE_HEADERS.requestId, requestId);
    const record = new NatsRecordBuilder(request).setHeaders(headers).build();
    let response: unknown;
    try {
      response = await lastValueFrom(this.proxy.send<unknown>(contract.subject, record).pipe(timeout(this.settings.timeoutMs)));
    } catch (error) {
      throw this.toDomainException(contract, error);
    }
    assertMatchesSchema(`${contract.subject} response`, contract.response, response);
    return response as TResponse;
  }

  private toDomainException(contract: RpcContract, error: unknown): DomainException {
    if (error instanceof TimeoutError) {
      return new DomainException(DomainErrorCode.UpstreamUnavailable, `${contract.owner} did not answer ${contract.subject} within ${this.settings.timeoutMs} ms`, {
        subject: contract.subject,
      });
    }
    if (isRemoteError(error) && domainCodes.has(error.code)) {
      return new DomainException(error.code as DomainErrorCode, error.message ?? contract.subject, { ...(error.details ?? {}), subject: contract.subject });
    }
    // Connection failures and the peer's internal errors: the caller can only report the dependency as unavailable.
    const errorId = isRemoteError(error) ? error.details?.['errorId'] : undefined;
    return new DomainException(DomainErrorCode.UpstreamUnavailable, `${contract.owner} could not answer ${contract.subject}`, {
      subject: contract.subject,
      ...(errorId ? { upstreamErrorId: errorId } : {}),
    });
  }
}
