// Tsunagu load scenarios (k6, TypeScript; k6 ≥ 0.57 runs .ts directly).
//   k6 run deploy/k6/main.ts                                   # smoke, ready scenarios, http://localhost:8080
//   k6 run -e PROFILE=average-load -e BASE_URL=https://tsunagu.city.example.lg.jp -e TOKEN=$TOKEN deploy/k6/main.ts
//   k6 run -e PROFILE=stress -e SCENARIOS=staffReads deploy/k6/main.ts
// Routes, mix, rates, profiles and thresholds come from scenarios.json (shared with `npm run bench`).
import { fail } from 'k6';
import { type Definition, k6Scenarios, pick, selectedScenarios, servicesOf } from './lib/definition';
import { BASE_URL, firstId, ready, send, tokenFor } from './lib/http';

const definition: Definition = JSON.parse(open('./scenarios.json'));
const PROFILE = __ENV.PROFILE || 'smoke';
const SELECTED = selectedScenarios(definition, __ENV);

export const options = {
  scenarios: k6Scenarios(definition, PROFILE, SELECTED),
  // SLOs: a failing threshold makes `k6 run` exit non-zero (a CI gate); abort early on a flood of failures.
  thresholds: {
    ...definition.thresholds,
    http_req_failed: definition.thresholds.http_req_failed.map((t) => ({ threshold: t, abortOnFail: true, delayAbortEval: '30s' })),
  },
  tags: { testid: `tsunagu-${PROFILE}-${Date.now()}` },
};

interface SetupData {
  services: string[];
  /** Per scenario, the ids its bodies need (scenarios.json `setup`), e.g. consultationIntake.personId. */
  vars: Record<string, Record<string, string>>;
}

/**
 * Health gate: every service the selected scenarios call must be ready (DB + NATS) before load starts.
 * Then the ids the bodies need are looked up once (an existing person and organisation for a consultation).
 */
export function setup(): SetupData {
  const services = servicesOf(definition, SELECTED);
  const notReady = services.filter((service) => !ready(`/api/${service}/readyz`));
  if (notReady.length) fail(`not ready at ${BASE_URL}: ${notReady.map((s) => `/api/${s}/readyz`).join(', ')} — is the service deployed and enabled?`);
  if (!__ENV.TOKEN) console.warn('TOKEN is not set: authenticated routes will answer 401 and fail the checks');
  if (SELECTED.includes('agencyReferralPolling') && !__ENV.AGENCY_TOKEN) console.warn('AGENCY_TOKEN is not set: agency polling uses TOKEN (a staff user), not an agency client');
  const vars: SetupData['vars'] = {};
  for (const name of SELECTED) {
    const scenario = definition.scenarios[name];
    vars[name] = {};
    for (const [key, lookup] of Object.entries(scenario.setup ?? {})) {
      // ORGANIZATION_ID=… / PERSON_ID=… override a lookup (e.g. the receiving desk of the staff user).
      const id = __ENV[key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()] || firstId(lookup.path, lookup.query, tokenFor(scenario.token));
      if (!id) fail(`${name}: no ${key} at ${BASE_URL}${lookup.path} — load demo data or create one first`);
      vars[name][key] = id;
    }
  }
  return { services, vars };
}

function run(name: string, data: SetupData): void {
  const scenario = definition.scenarios[name];
  send(pick(scenario.requests), tokenFor(scenario.token), data.vars[name]);
}

export function staffReads(data: SetupData): void {
  run('staffReads', data);
}

export function consultationIntake(data: SetupData): void {
  run('consultationIntake', data);
}

export function agencyReferralPolling(data: SetupData): void {
  run('agencyReferralPolling', data);
}
