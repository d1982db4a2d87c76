import { natsConnectionOptions } from './nats-connection';

describe('natsConnectionOptions (NATS_URL → client options)', () => {
  it('keeps plain server lists as they are', () => {
    expect(natsConnectionOptions('nats://a:4222, nats://b:4222')).toEqual({ servers: ['nats://a:4222', 'nats://b:4222'] });
    expect(natsConnectionOptions('127.0.0.1:4222')).toEqual({ servers: ['127.0.0.1:4222'] });
  });

  it('moves user and password out of the URL (the client would drop them), percent-decoded', () => {
    expect(natsConnectionOptions('nats://tsunagu-intake:p%40ss%3Aword@nats.nats.svc:4222')).toEqual({
      servers: ['nats://nats.nats.svc:4222'],
      user: 'tsunagu-intake',
      pass: 'p@ss:word',
    });
  });

  it('reads a user-info without a password as a token', () => {
    expect(natsConnectionOptions('nats://s3cr3t-token@nats:4222')).toEqual({ servers: ['nats://nats:4222'], token: 's3cr3t-token' });
  });

  it('requires TLS for tls:// servers', () => {
    expect(natsConnectionOptions('tls://u:p@n1:4222,tls://n2:4222')).toEqual({ servers: ['tls://n1:4222', 'tls://n2:4222'], user: 'u', pass: 'p', tls: {} });
  });

  it('refuses servers with different credentials', () => {
    expect(() => natsConnectionOptions('nats://a:1@n1:4222,nats://b:2@n2:4222')).toThrow('same credentials');
  });
});
