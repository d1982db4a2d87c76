// The shared load definition (scenarios.json) and how it becomes k6 options. main.ts reads the file with
// `open('./scenarios.json')` (init context, next to the main script) and passes it in.

export interface RequestDef {
  name: string;
  service: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: boolean;
  weight: number;
  expectStatus: number;
}

/** An id the bodies need, looked up once in setup(): the first item's `id` of GET <path>?<query>. */
export interface LookupDef {
  service: string;
  path: string;
  query?: Record<string, string>;
}

export interface ScenarioDef {
  description: string;
  status: 'ready' | 'pending';
  token: 'staff' | 'agency';
  ratePerSecond: number;
  /** Placeholders `${name}` in request bodies, resolved in setup() (`${now}` and `${today}` are built in). */
  setup?: Record<string, LookupDef>;
  requests: RequestDef[];
}

export interface ProfileDef {
  description: string;
  rateFactor: number;
  stages: { duration: string; factor: number }[];
}

export interface Definition {
  thresholds: Record<string, string[]>;
  profiles: Record<string, ProfileDef>;
  scenarios: Record<string, ScenarioDef>;
}

/** Scenarios to run: SCENARIOS=a,b picks by name; otherwise every ready one (INCLUDE_PENDING=true adds pending). */
export function selectedScenarios(definition: Definition, env: Record<string, string | undefined>): string[] {
  const all = Object.keys(definition.scenarios);
  if (env.SCENARIOS) {
    const picked = env.SCENARIOS.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = picked.filter((name) => !all.includes(name));
    if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${all.join(', ')}`);
    return picked;
  }
  return all.filter((name) => definition.scenarios[name].status === 'ready' || env.INCLUDE_PENDING === 'true');
}

/** A ramping-arrival-rate k6 scenario per selected scenario, shaped by the profile's stages. */
export function k6Scenarios(definition: Definition, profileName: string, names: string[]): Record<string, object> {
  const profile = definition.profiles[profileName];
  if (!profile) throw new Error(`unknown PROFILE ${profileName}; known: ${Object.keys(definition.profiles).join(', ')}`);
  const scenarios: Record<string, object> = {};
  for (const name of names) {
    const scenario = definition.scenarios[name];
    const base = scenario.ratePerSecond * profile.rateFactor;
    const peak = Math.max(...profile.stages.map((s) => s.factor)) * base;
    scenarios[name] = {
      executor: 'ramping-arrival-rate',
      exec: name,
      startRate: 0,
      timeUnit: '1s',
      // Enough VUs for the peak rate at the p99 target (0.8 s) with headroom.
      preAllocatedVUs: Math.max(2, Math.ceil(peak * 0.8 * 2)),
      maxVUs: Math.max(10, Math.ceil(peak * 5)),
      stages: profile.stages.map((s) => ({ duration: s.duration, target: Math.max(s.factor === 0 ? 0 : 1, Math.round(base * s.factor)) })),
      tags: { scenario: name },
    };
  }
  return scenarios;
}

/** The services a set of scenarios calls (the health gate checks each one's /readyz). */
export function servicesOf(definition: Definition, names: string[]): string[] {
  const services = new Set<string>();
  for (const name of names) {
    for (const request of definition.scenarios[name].requests) services.add(request.service);
    for (const lookup of Object.values(definition.scenarios[name].setup ?? {})) services.add(lookup.service);
  }
  return [...services].sort();
}

/** Picks a request by weight. */
export function pick(requests: RequestDef[]): RequestDef {
  const total = requests.reduce((sum, r) => sum + r.weight, 0);
  let roll = Math.random() * total;
  for (const request of requests) {
    roll -= request.weight;
    if (roll < 0) return request;
  }
  return requests[requests.length - 1];
}
