import { natsConnectionOptions, natsSettings } from './nats-connection';

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

  it("takes the service's own user from NATS_USER/NATS_PASSWORD and its reply subjects under _INBOX_<service>", () => {
    const settings = natsSettings({ NATS_URL: 'tls://nats:4222', NATS_USER: 'tsunagu-intake', NATS_PASSWORD: 'p@ss' }, 'intake');
    expect(natsConnectionOptions(settings)).toEqual({ servers: ['tls://nats:4222'], user: 'tsunagu-intake', pass: 'p@ss', tls: {}, inboxPrefix: '_INBOX_intake' });
    expect(natsConnectionOptions({ url: 'nats://n:4222' })).toEqual({ servers: ['nats://n:4222'] });
  });

  it('refuses credentials in the URL and in NATS_USER at once, and a user without a password', () => {
    expect(() => natsConnectionOptions({ url: 'nats://a:1@n:4222', user: 'b', password: '2' })).toThrow('one or the other');
    expect(() => natsConnectionOptions({ url: 'nats://n:4222', user: 'b' })).toThrow('go together');
    expect(() => natsConnectionOptions({ url: 'nats://n:4222', password: 'secret' })).toThrow('go together');
  });
});
