/**
 * The test app in a process of its own, for the crash test: a request carrying `x-crash-after-commit` kills the
 * process (SIGKILL) in the first onSend hook — after the handler's transaction committed, before the audit hook
 * and before any byte of the response. Run by audit-sealing.integration-spec.ts with ts-node.
 */
import 'reflect-metadata';
import type { FastifyInstance } from 'fastify';
import { createServiceApp } from '@tsunagu/platform-service';
import { SERVICE, testModule } from './test-app';

async function main(): Promise<void> {
  const app = await createServiceApp(testModule({ databaseUrl: String(process.env['DATABASE_URL']), issuer: String(process.env['TEST_ISSUER']) }), {
    service: SERVICE,
    title: 'test',
    description: 'test',
  });
  // Registered before the audit hook (added at init), so it runs first.
  (app.getHttpAdapter().getInstance() as FastifyInstance).addHook('onSend', async (request, _reply, payload) => {
      if (request.headers['x-crash-after-commit']) process.kill(process.pid, 'SIGKILL');
      return payload;
    });
  await app.init();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
}

void main().catch((error) => {
  process.stderr.write(`${String(error?.stack ?? error)}\n`);
  process.exit(1);
});
