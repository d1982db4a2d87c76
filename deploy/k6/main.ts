// Tsunagu load scenarios (k6, TypeScript; k6 ≥ 0.57 runs .ts directly).
//   k6 run deploy/k6/main.ts                                   # smoke, ready scenarios, http://localhost:8080
//   k6 run -e PROFILE=average-load -e BASE_URL=https://tsunagu.city.example.lg.jp -e TOKEN=$TOKEN deploy/k6/main.ts
//   k6 run -e PROFILE=stress -e SCENARIOS=staffReads deploy/k6/main.ts
// Routes, mix, rates, profiles and thresholds come from scenarios.json (shared with `npm run bench`).
import { fail } from 'k6';
import { type Definition, k6Scenarios, pick, selectedScenarios, servicesOf } from './lib/definition';
import { BASE_URL, ready, send, tokenFor } from './lib/http';

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

/** Health gate: every service the selected scenarios call must be ready (DB + NATS) before load starts. */
export function setup(): { services: string[] } {
  const services = servicesOf(definition, SELECTED);
  const notReady = services.filter((service) => !ready(`/api/${service}/readyz`));
  if (notReady.length) fail(`not ready at ${BASE_URL}: ${notReady.map((s) => `/api/${s}/readyz`).join(', ')} — is the service deployed and enabled?`);
  if (!__ENV.TOKEN) console.warn('TOKEN is not set: authenticated routes will answer 401 and fail the checks');
  return { services };
}

function run(name: string): void {
  const scenario = definition.scenarios[name];
  send(pick(scenario.requests), tokenFor(scenario.token));
}

export function staffReads(): void {
  run('staffReads');
}

export function consultationIntake(): void {
  run('consultationIntake');
}

export function agencyReferralPolling(): void {
  run('agencyReferralPolling');
}
