import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { serviceInstrumentations, startTelemetry, stopTelemetry } from '@tsunagu/platform-observability';

// The SDK as every service starts it (instrumentation.ts), exporting into memory through the same redaction gate.
const exporter = new InMemorySpanExporter();
startTelemetry({ service: 'intake', exporter });
// jest loads modules through its own registry, which the SDK's require hooks never see: patch what the
// service will use (http, pg, …) the way those hooks would, before the app is required.
const optional = (name: string): unknown => {
  try {
    return require(name);
  } catch {
    return undefined;
  }
};
interface ModuleDefinition {
  name: string;
  patch?: (exports: unknown, version?: string) => unknown;
  files?: { name: string; patch: (exports: unknown, version?: string) => unknown }[];
}
for (const instrumentation of serviceInstrumentations() as unknown as { getModuleDefinitions(): ModuleDefinition[] }[]) {
  for (const definition of instrumentation.getModuleDefinitions()) {
    const version = (optional(`${definition.name}/package.json`) as { version?: string } | undefined)?.version ?? process.versions.node;
    const loaded = optional(definition.name);
    if (loaded) definition.patch?.(loaded, version);
    for (const file of definition.files ?? []) {
      const fileExports = optional(file.name);
      if (fileExports) file.patch(fileExports, version);
    }
  }
}
const { startIntake } = require('./intake-app') as typeof import('./intake-app');

const MARKER = 'ZQ山田トレース花子4417';

describe('intake: traces carry no personal data', () => {
  let intake: Awaited<ReturnType<typeof startIntake>>;
  let base: string;

  beforeAll(async () => {
    intake = await startIntake();
    await intake.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(intake.app.getHttpServer().address() as { port: number }).port}/api/intake`;
  });
  afterAll(async () => {
    await intake.close();
    await stopTelemetry();
  });

  it('exports HTTP and database spans without query strings, body values, SQL literals or error messages', async () => {
    const token = await intake.token({ roles: ['caseworker'] });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const person = { familyName: MARKER, givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', birthDate: '1950-04-01', phones: [{ type: 'mobile', number: '090-4417-4417' }] };
    expect((await fetch(`${base}/persons`, { method: 'POST', headers, body: JSON.stringify(person) })).status).toBe(201);
    expect((await fetch(`${base}/persons?q=${encodeURIComponent(MARKER)}`, { headers })).status).toBe(200);
    // Refused requests too: a marker in a date and in an unknown field.
    expect((await fetch(`${base}/persons`, { method: 'POST', headers, body: JSON.stringify({ ...person, birthDate: MARKER, nickname: MARKER }) })).status).toBe(400);
    expect((await fetch(`${base}/persons/${encodeURIComponent(MARKER)}`, { headers })).status).toBeLessThan(500);

    const spans = exporter.getFinishedSpans();
    // The test sees what a collector would: HTTP server spans and PostgreSQL spans were made.
    expect(spans.some((span) => span.attributes['http.route'] !== undefined || /^(GET|POST)\b/.test(span.name))).toBe(true);
    expect(spans.some((span) => span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql')).toBe(true);
    const exported = JSON.stringify(spans.map((span) => ({ name: span.name, attributes: span.attributes, events: span.events, status: span.status })));
    expect(exported).not.toContain(MARKER);
    expect(exported).not.toContain(encodeURIComponent(MARKER));
    expect(exported).not.toContain('090-4417-4417');
    expect(exported).not.toContain('1950-04-01');
    expect(exported).not.toMatch(/"url\.query"|\?q=/);
  });
});
