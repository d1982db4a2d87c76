// Loaded first (see main.ts): OpenTelemetry must patch http, fastify and pg before they are required.
import { startTelemetry } from '@tsunagu/platform-observability';

startTelemetry({ service: 'matching', otlpEndpoint: process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] || undefined });
