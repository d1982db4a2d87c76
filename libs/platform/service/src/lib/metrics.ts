import { collectDefaultMetrics, Histogram, register } from 'prom-client';

let started = false;

/** Process metrics and the HTTP request histogram, registered once per process. */
export function startHttpMetrics(service: string): Histogram<'method' | 'route' | 'status'> {
  if (!started) {
    register.setDefaultLabels({ service });
    collectDefaultMetrics();
    started = true;
  }
  const existing = register.getSingleMetric('http_request_duration_seconds');
  if (existing) return existing as Histogram<'method' | 'route' | 'status'>;
  return new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template (never the concrete path, which may hold ids)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
}

export { register as metricsRegistry };
