import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { connectNats } from '../src/lib/nats-connection';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A real nats-server (from PATH, as the test infrastructure uses) with a user and password, on a free port. */
async function natsWithUser(user: string, pass: string): Promise<{ port: number; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '--user', user, '--pass', pass], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server is ready')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`nats-server exited (${code}): ${output}`)));
  });
  return { port, server };
}

describe('NATS_URL with credentials and tls:// against a real nats-server', () => {
  let nats: { port: number; server: ChildProcess };
  beforeAll(async () => {
    nats = await natsWithUser('tsunagu-intake', 'p@ss:word');
  });
  afterAll(() => {
    nats.server.kill('SIGTERM');
  });

  it('authenticates with the user and password written in the URL', async () => {
    const connection = await connectNats(`nats://tsunagu-intake:p%40ss%3Aword@127.0.0.1:${nats.port}`, 'nats-url-test');
    try {
      await connection.flush();
      expect(connection.isClosed()).toBe(false);
    } finally {
      await connection.close();
    }
  });

  it('is refused with a wrong password', async () => {
    await expect(connectNats(`nats://tsunagu-intake:wrong@127.0.0.1:${nats.port}`, 'nats-url-test')).rejects.toThrow(/Authorization Violation/);
  });

  it('refuses to talk to a server without TLS when the URL says tls://', async () => {
    await expect(connectNats(`tls://tsunagu-intake:p%40ss%3Aword@127.0.0.1:${nats.port}`, 'nats-url-test')).rejects.toThrow(/tls|TLS/);
  });
});
