import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { chartDir, workspaceRoot } from './helm';

// deploy/k6 cannot run here (k6 is not installable, TOOLCHAIN trap 14): check the shared definition, that the
// k6 TypeScript parses, and that the options it builds are what k6 expects.
const k6Dir = join(workspaceRoot, 'deploy', 'k6');
const definition = JSON.parse(readFileSync(join(k6Dir, 'scenarios.json'), 'utf8'));
const chartServices = Object.keys(parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')).services);

interface RequestDef {
  name: string;
  service: string;
  method: string;
  path: string;
  weight: number;
  expectStatus: number;
  body?: unknown;
}

/** Loads a dependency-free k6 module compiled to CommonJS. */
function loadK6Module(file: string): Record<string, (...args: never[]) => unknown> {
  const source = readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const module = { exports: {} as Record<string, (...args: never[]) => unknown> };
  runInNewContext(outputText, {
    module,
    exports: module.exports,
    require: (name: string) => {
      throw new Error(`unexpected import ${name}`);
    },
    Math,
    JSON,
    Object,
    Error,
    Set,
  });
  return module.exports;
}

describe('deploy/k6/scenarios.json (shared with npm run bench)', () => {
  const scenarios = Object.entries(definition.scenarios) as [string, { status: string; token: string; ratePerSecond: number; requests: RequestDef[] }][];

  it('defines the SLO thresholds of issue 6', () => {
    expect(definition.thresholds).toEqual({
      http_req_failed: ['rate<0.01'],
      http_req_duration: ['p(95)<300', 'p(99)<800'],
      checks: ['rate>0.99'],
    });
  });

  it('has the smoke, average-load and stress profiles, each with stages and bench settings', () => {
    expect(Object.keys(definition.profiles)).toEqual(expect.arrayContaining(['smoke', 'average-load', 'stress']));
    for (const profile of Object.values(definition.profiles) as { stages: { duration: string; factor: number }[]; rateFactor: number; bench: { connections: number; durationSeconds: number } }[]) {
      expect(profile.stages.length).toBeGreaterThan(0);
      for (const stage of profile.stages) expect(stage.duration).toMatch(/^\d+(s|m|h)$/);
      expect(profile.rateFactor).toBeGreaterThan(0);
      expect(profile.bench.connections).toBeGreaterThan(0);
      expect(profile.bench.durationSeconds).toBeGreaterThan(0);
    }
  });

  it('covers staff reads, consultation intake and agency referral polling', () => {
    expect(Object.keys(definition.scenarios)).toEqual(['staffReads', 'consultationIntake', 'agencyReferralPolling']);
    expect(definition.scenarios.staffReads.status).toBe('ready');
    // intake is deployed by default now: its scenarios are real, not placeholders.
    expect(definition.scenarios.consultationIntake.status).toBe('ready');
    expect(definition.scenarios.agencyReferralPolling.status).toBe('ready');
    expect(definition.scenarios.agencyReferralPolling.token).toBe('agency');
  });

  it.each(scenarios)('%s calls only /api/<service>/… routes of services the chart knows', (_name, scenario) => {
    expect(['ready', 'pending']).toContain(scenario.status);
    expect(scenario.ratePerSecond).toBeGreaterThan(0);
    for (const request of scenario.requests) {
      expect(chartServices).toContain(request.service);
      expect(request.path.startsWith(`/api/${request.service}/`)).toBe(true);
      expect(request.weight).toBeGreaterThan(0);
      expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).toContain(request.method);
      expect(request.expectStatus).toBeGreaterThanOrEqual(200);
      if (request.method === 'GET') expect(request.body).toBeUndefined();
    }
  });

  it('marks scenarios pending while their service is not deployed by default', () => {
    const values = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
    for (const [, scenario] of scenarios) {
      const allEnabled = scenario.requests.every((r) => values.services[r.service]?.enabled);
      expect(scenario.status).toBe(allEnabled ? 'ready' : 'pending');
    }
  });
});

describe('deploy/k6 TypeScript', () => {
  const files = ['main.ts', ...readdirSync(join(k6Dir, 'lib')).map((f) => join('lib', f))];

  it.each(files)('%s parses', (file) => {
    const source = readFileSync(join(k6Dir, file), 'utf8');
    const result = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    expect(result.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it('exports an exec function for every scenario, setup() as the health gate and options', () => {
    const main = readFileSync(join(k6Dir, 'main.ts'), 'utf8');
    for (const name of Object.keys(definition.scenarios)) expect(main).toMatch(new RegExp(`export function ${name}\\(`));
    expect(main).toMatch(/export function setup\(/);
    expect(main).toMatch(/\/api\/\$\{service\}\/readyz/);
    expect(main).toMatch(/export const options/);
    expect(main).toMatch(/open\('\.\/scenarios\.json'\)/);
    const http = readFileSync(join(k6Dir, 'lib', 'http.ts'), 'utf8');
    expect(http).toMatch(/traceparent: traceparent\(\)/);
    expect(http).toMatch(/__ENV\.BASE_URL/);
    expect(http).toMatch(/__ENV\.TOKEN/);
  });

  it('builds ramping-arrival-rate k6 scenarios from each profile', () => {
    const lib = loadK6Module(join(k6Dir, 'lib', 'definition.ts')) as unknown as {
      selectedScenarios(d: unknown, env: Record<string, string>): string[];
      k6Scenarios(d: unknown, profile: string, names: string[]): Record<string, { executor: string; exec: string; stages: { duration: string; target: number }[]; preAllocatedVUs: number; maxVUs: number }>;
      servicesOf(d: unknown, names: string[]): string[];
      pick(requests: RequestDef[]): RequestDef;
    };
    expect(lib.selectedScenarios(definition, {})).toEqual(['staffReads', 'consultationIntake', 'agencyReferralPolling']);
    expect(lib.selectedScenarios(definition, { SCENARIOS: 'staffReads' })).toEqual(['staffReads']);
    expect(lib.selectedScenarios(definition, { INCLUDE_PENDING: 'true' })).toEqual(Object.keys(definition.scenarios));
    expect(() => lib.selectedScenarios(definition, { SCENARIOS: 'nope' })).toThrow(/unknown scenario/);
    expect(lib.servicesOf(definition, ['staffReads', 'agencyReferralPolling'])).toEqual(['intake', 'registry']);

    const average = lib.k6Scenarios(definition, 'average-load', ['staffReads']).staffReads;
    expect(average).toMatchObject({ executor: 'ramping-arrival-rate', exec: 'staffReads' });
    expect(average.stages).toEqual([
      { duration: '1m', target: 40 },
      { duration: '5m', target: 40 },
      { duration: '1m', target: 0 },
    ]);
    expect(average.maxVUs).toBeGreaterThanOrEqual(average.preAllocatedVUs);
    const smoke = lib.k6Scenarios(definition, 'smoke', ['staffReads']).staffReads;
    expect(smoke.stages).toEqual([{ duration: '30s', target: 2 }]);
    expect(Math.max(...lib.k6Scenarios(definition, 'stress', ['staffReads']).staffReads.stages.map((s) => s.target))).toBe(160);
    expect(() => lib.k6Scenarios(definition, 'soak', ['staffReads'])).toThrow(/unknown PROFILE/);

    const reads = definition.scenarios.staffReads.requests as RequestDef[];
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const name = lib.pick(reads).name;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect(counts.size).toBe(reads.length); // every route of the mix is exercised
  });
});
