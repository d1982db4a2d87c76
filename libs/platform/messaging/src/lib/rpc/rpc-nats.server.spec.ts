import { ContractViolationError } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { toRpcError } from './rpc-exception.filter';
import { RpcNatsServer } from './rpc-nats.server';

describe('RpcNatsServer', () => {
  it('serves request-reply handlers only, leaving event handlers to JetStream', () => {
    const server = new RpcNatsServer({ servers: ['nats://127.0.0.1:1'] });
    server.addHandler('tsunagu.rpc.svc.op', async () => 'reply', false);
    server.addHandler('tsunagu.evt.svc.thing.done', async () => undefined, true);
    expect([...server.getHandlers().keys()]).toEqual(['tsunagu.rpc.svc.op']);
  });
});

describe('toRpcError', () => {
  it('carries domain codes and turns contract violations into validation failures', () => {
    expect(toRpcError(DomainException.notFound('Resource', 'r1'))).toEqual({
      code: DomainErrorCode.NotFound,
      message: 'Resource r1 does not exist',
      details: { resource: 'Resource' },
    });
    expect(toRpcError(new ContractViolationError('x', ['/a must be string']))).toMatchObject({ code: DomainErrorCode.ValidationFailed, details: { problems: ['/a must be string'] } });
    expect(toRpcError(new Error('boom'))).toBeUndefined();
  });
});
