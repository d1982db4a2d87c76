import { ForbiddenException } from '@nestjs/common';
import { OptimisticLockError } from '@mikro-orm/core';
import { StaleVersionError } from '@tsunagu/platform-persistence';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { isTransientDatabaseError, toProblem } from './problem-details.filter';

describe('toProblem', () => {
  it('maps domain codes to statuses and keeps field errors', () => {
    const problem = toProblem(DomainException.invalidField('perPage', 'must not be greater than 100'));
    expect(problem).toMatchObject({ status: 400, code: 'validation-failed', errors: { perPage: 'must not be greater than 100' } });
    expect(problem.type).toBe('urn:tsunagu:problem:validation-failed');
    expect(toProblem(DomainException.invalidTransition('CommunityResource', 'retired', 'publish', ['preparing']))).toMatchObject({
      status: 409,
      transition: { from: 'retired', action: 'publish', allowed: ['preparing'] },
    });
    expect(toProblem(new DomainException(DomainErrorCode.ConsentRequired, 'no consent')).status).toBe(403);
  });

  it('answers a stale edit with 409, or 412 when the client sent If-Match', () => {
    const stale = new StaleVersionError('CommunityResource', 'id', 1, 2);
    expect(toProblem(stale, { headers: {} })).toMatchObject({ status: 409, currentVersion: 2 });
    expect(toProblem(stale, { headers: { 'if-match': '"1"' } }).status).toBe(412);
    expect(toProblem(OptimisticLockError.lockFailed('CommunityResource'), { headers: {} }).status).toBe(409);
  });

  it('turns framework errors into problems without leaking internals', () => {
    expect(toProblem(new ForbiddenException('nope'))).toMatchObject({ status: 403, code: 'forbidden', detail: 'nope' });
    const malformed = Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 });
    expect(toProblem(malformed)).toMatchObject({ status: 400, errors: { body: 'The request body is not valid JSON' } });
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toProblem(tooLarge).status).toBe(413);
  });

  it('hides unexpected errors behind an errorId', () => {
    const problem = toProblem(new Error('connection to 10.0.0.5 failed: password authentication failed for user tsunagu'));
    expect(problem.status).toBe(500);
    expect(problem.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(problem)).not.toMatch(/10\.0\.0\.5|password authentication|user tsunagu/);
  });
});

describe('database failures that are not the client’s fault', () => {
  it('answer 503 with a retry hint, never 500', () => {
    const cases: unknown[] = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('could not serialize access'), { code: '40001' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      new Error('timeout exceeded when trying to connect'),
      // What node-postgres answers when PostgreSQL restarts under a client between two statements (npm run chaos saw 500s then).
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('terminating connection due to administrator command'),
      new Error('commit failed', { cause: Object.assign(new Error('server closed the connection'), { code: '57P01' }) }),
    ];
    for (const error of cases) {
      expect(isTransientDatabaseError(error)).toBe(true);
      expect(toProblem(error)).toMatchObject({ status: 503, code: 'upstream-unavailable', retryAfter: 2 });
    }
    expect(isTransientDatabaseError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });
});
