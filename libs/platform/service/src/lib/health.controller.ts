import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@tsunagu/platform-http';
import { ReadinessRegistry } from './readiness';
import { metricsRegistry } from './metrics';

/** Liveness, readiness and Prometheus metrics: unauthenticated, for the kubelet and the scraper. */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('healthz')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const result = await this.readiness.evaluate();
    reply.status(result.ready ? 200 : 503).send({ status: result.ready ? 'ready' : 'not-ready', checks: result.checks });
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
