import { ConnectionException, DeadlockException, LockWaitTimeoutException, NotNullConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { ContractViolationError } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { classifyHandlerFailure } from './handler-failure';

const pg = (code: string, message = 'driver message with values') => Object.assign(new Error(message), { code });

describe('classifyHandlerFailure', () => {
  it('calls permanent what fails the same way on every delivery', () => {
    expect(classifyHandlerFailure(new NotNullConstraintViolationException(pg('23502')))).toBe('permanent');
    expect(classifyHandlerFailure(pg('22003'))).toBe('permanent');
    expect(classifyHandlerFailure(pg('22007'))).toBe('permanent');
    expect(classifyHandlerFailure(new Error('wrapped', { cause: pg('23514') }))).toBe('permanent');
    expect(classifyHandlerFailure(DomainException.invalidField('personId', 'unknown'))).toBe('permanent');
    expect(classifyHandlerFailure(DomainException.notFound('person', 'x'))).toBe('permanent');
    expect(classifyHandlerFailure(new ContractViolationError('jp.tsunagu.x.v1', ['/data: bad']))).toBe('permanent');
  });

  it('retries unique and foreign-key violations: concurrent consumers racing on one record resolve on redelivery', () => {
    expect(classifyHandlerFailure(new UniqueConstraintViolationException(pg('23505')))).toBe('unknown');
    expect(classifyHandlerFailure(pg('23503'))).toBe('unknown');
    expect(classifyHandlerFailure(new Error('wrapped', { cause: pg('23505') }))).toBe('unknown');
  });

  it('calls transient what a later delivery will likely get through', () => {
    expect(classifyHandlerFailure(new ConnectionException(pg('ECONNREFUSED')))).toBe('transient');
    expect(classifyHandlerFailure(new DeadlockException(pg('40P01')))).toBe('transient');
    expect(classifyHandlerFailure(new LockWaitTimeoutException(pg('55P03')))).toBe('transient');
    expect(classifyHandlerFailure(pg('40001'))).toBe('transient');
    expect(classifyHandlerFailure(pg('57P01'))).toBe('transient');
    expect(classifyHandlerFailure(new Error('timeout exceeded when trying to connect'))).toBe('transient');
    expect(classifyHandlerFailure(new TimeoutError())).toBe('transient');
    expect(classifyHandlerFailure(new RequestError('request failed', { cause: new TimeoutError() }))).toBe('transient');
    expect(classifyHandlerFailure(new RequestError('no responders', { cause: new NoRespondersError('x.y') }))).toBe('transient');
  });

  it('leaves anything else to the backoff until max deliveries', () => {
    expect(classifyHandlerFailure(new Error('downstream refused'))).toBe('unknown');
    expect(classifyHandlerFailure(new DomainException(DomainErrorCode.Conflict, 'stale'))).toBe('unknown');
    expect(classifyHandlerFailure(new DomainException(DomainErrorCode.UpstreamUnavailable, 'registry down'))).toBe('unknown');
    expect(classifyHandlerFailure(undefined)).toBe('unknown');
  });
});
