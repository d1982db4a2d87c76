import { describeError, loggableError } from './safe-error';
import { requestIdFrom } from './request-id';

class FakeDriverException extends Error {
  code = '23505';
  constraint = 'person_phone_unique';
  table = 'person';
  detail = 'Key (phone)=(090-1111-2222) already exists.';
  constructor() {
    super("insert into person (family_name, phone) values ('山田', '090-1111-2222') - duplicate key value");
    this.name = 'UniqueConstraintViolationException';
  }
}

describe('errors for logs', () => {
  it('keeps type, code and schema names of a driver error, never its message or detail', () => {
    const error = new FakeDriverException();
    const loggable = loggableError(error);
    const text = JSON.stringify(loggable) + describeError(error);
    expect(loggable).toEqual(expect.objectContaining({ type: 'UniqueConstraintViolationException', code: '23505', constraint: 'person_phone_unique', table: 'person' }));
    expect(text).not.toMatch(/山田|090-1111-2222|insert into/);
    expect(loggable.stack).toMatch(/^\s+at /);
  });

  it('keeps the message of errors that declare it safe, and follows causes', () => {
    const safe = Object.assign(new Error('x'), { safeMessage: 'validation-failed: Invalid field(s): q' });
    expect(describeError(safe)).toContain('Invalid field(s): q');
    const wrapped = new Error('wrapper 山田', { cause: new FakeDriverException() });
    expect(describeError(wrapped)).toBe('Error (cause: UniqueConstraintViolationException 23505)');
  });

  it('keeps a client request id only when it is a short safe token', () => {
    expect(requestIdFrom('abc-123_x.y')).toBe('abc-123_x.y');
    for (const hostile of ['<script>', 'x'.repeat(65), 'a b', '', '山田']) expect(requestIdFrom(hostile)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(['a', 'b'])).toMatch(/^[0-9a-f-]{36}$/);
  });
});
