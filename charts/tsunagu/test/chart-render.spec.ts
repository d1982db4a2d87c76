import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { byKind, chartDir, component, find, type Manifest, podSpec, render, renderError, runHelm } from './helm';
import { validateManifest } from './kubernetes-schema';

const defaults = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
const production = parse(readFileSync(join(chartDir, 'values-production.yaml'), 'utf8'));
/** Every service the chart knows (enabled or not): one values entry each. */
const knownServices = Object.keys(defaults.services as Record<string, unknown>);
const allServicesOn = { services: Object.fromEntries(knownServices.map((name) => [name, { enabled: true }])) };

function enabledIn(values: { services?: Record<string, { enabled?: boolean }> }, base = defaults): string[] {
  const merged = { ...base.services, ...(values.services ?? {}) } as Record<string, { enabled?: boolean }>;
  return Object.entries(merged)
    .filter(([, svc]) => svc?.enabled)
    .map(([name]) => name)
    .sort();
}

function env(container: { env?: { name: string; value?: string; valueFrom?: unknown }[] }, name: string) {
  return container.env?.find((e) => e.name === name);
}

const variants = [
  { name: 'default values', options: {}, services: enabledIn({}) },
  { name: 'values-production.yaml', options: { valuesFiles: ['values-production.yaml'] }, services: enabledIn(production) },
  { name: 'every known service enabled', options: { values: allServicesOn }, services: [...knownServices].sort() },
];

describe('helm lint', () => {
  it.each([
    ['default values', []],
    ['values-production.yaml', ['values-production.yaml']],
  ])('passes --strict with %s', (_name, valuesFiles) => {
    const result = runHelm(['lint', chartDir, '--strict'], { valuesFiles });
    expect(result.stderr + result.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.status).toBe(0);
  });
});

describe.each(variants)('helm template with $name', ({ options, services }) => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = render(options);
  });

  it('renders something for every service it enables', () => {
    expect(services.length).toBeGreaterThan(0);
    expect(services).toEqual(expect.arrayContaining(['intake', 'matching', 'outreach', 'registry', 'reporting']));
  });

  it('renders only manifests that validate against the Kubernetes schemas, with no unknown fields', () => {
    const problems = manifests.flatMap((m) => {
      const report = validateManifest(m);
      return [...report.errors.map((e) => `${m.kind}/${m.metadata.name}: ${e}`), ...report.unknownFields.map((f) => `${m.kind}/${m.metadata.name}: unknown field ${f}`)];
    });
    expect(problems).toEqual([]);
  });

  it('gives every enabled service a Deployment, Service, HPA, PodDisruptionBudget, NetworkPolicy and migration Job', () => {
    for (const name of services) {
      const deployment = find(manifests, 'Deployment', name);
      const selector = deployment.spec.selector.matchLabels;
      expect(deployment.spec.template.metadata.labels).toMatchObject(selector);

      const service = find(manifests, 'Service', name);
      expect(service.spec.selector).toEqual(selector);
      expect(service.spec.ports).toEqual([expect.objectContaining({ name: 'http', targetPort: 'http' })]);

      const hpa = find(manifests, 'HorizontalPodAutoscaler', name);
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(deployment.spec.replicas).toBeUndefined(); // the HPA owns the replica count

      expect(find(manifests, 'PodDisruptionBudget', name).spec.selector.matchLabels).toEqual(selector);
      expect(find(manifests, 'NetworkPolicy', name).spec.podSelector.matchLabels).toEqual(selector);
      expect(find(manifests, 'Job', `${name}-migrate`)).toBeDefined();
    }
    const deployed = byKind(manifests, 'Deployment').map(component).sort();
    expect(deployed).toEqual([...services, 'console'].sort());
  });

  it('probes /api/<service>/healthz for liveness and startup and /api/<service>/readyz for readiness', () => {
    for (const name of services) {
      const [container] = podSpec(find(manifests, 'Deployment', name)).containers;
      expect(container.ports).toEqual([{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
      expect(container.livenessProbe.httpGet).toEqual({ path: `/api/${name}/healthz`, port: 'http' });
      expect(container.startupProbe.httpGet).toEqual({ path: `/api/${name}/healthz`, port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: `/api/${name}/readyz`, port: 'http' });
      expect(env(container, 'PORT')?.value).toBe('3000');
    }
    const [console] = podSpec(find(manifests, 'Deployment', 'console')).containers;
    expect(console.readinessProbe.httpGet.path).toBe('/healthz');
  });

  it('runs every pod non-root with a read-only root filesystem, no capabilities, RuntimeDefault seccomp and no service-account token', () => {
    const workloads = manifests.filter((m) => ['Deployment', 'Job', 'Pod'].includes(m.kind));
    expect(workloads.length).toBeGreaterThanOrEqual(services.length * 2 + 2);
    for (const workload of workloads) {
      const spec = podSpec(workload);
      const where = `${workload.kind}/${workload.metadata.name}`;
      expect({ where, token: spec.automountServiceAccountToken }).toEqual({ where, token: false });
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
      expect(spec.volumes).toContainEqual({ name: 'tmp', emptyDir: expect.any(Object) });
      for (const container of spec.containers) {
        expect(container.securityContext).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(container.securityContext.capabilities.add).toBeUndefined();
        expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
        expect(container.resources?.limits?.memory).toBeDefined();
      }
    }
    const serviceAccounts = byKind(manifests, 'ServiceAccount');
    for (const sa of serviceAccounts) expect(sa.automountServiceAccountToken).toBe(false);
  });

  it('reads DATABASE_URL only from the existing Secret and renders no Secret itself', () => {
    const values = options.valuesFiles ? production : defaults;
    expect(byKind(manifests, 'Secret')).toEqual([]);
    for (const workload of manifests.filter((m) => ['Deployment', 'Job'].includes(m.kind) && component(m) !== 'console')) {
      const [container] = podSpec(workload).containers;
      expect(env(container, 'DATABASE_URL')).toEqual({
        name: 'DATABASE_URL',
        valueFrom: { secretKeyRef: { name: values.database.existingSecret, key: values.database.existingSecretKey } },
      });
      for (const variable of container.env) {
        expect(`${variable.name}=${variable.value ?? ''}`).not.toMatch(/postgres(ql)?:\/\/[^@]*:[^@]*@/);
      }
      expect(env(container, 'NODE_ENV')?.value).toBe('production');
      expect(env(container, 'DEMO_DATA')?.value).toBe('false');
      // Secrets only by reference: the audit checkpoint key never appears as a value.
      const auditKey = env(container, 'AUDIT_CHECKPOINT_KEY');
      if (auditKey) expect(auditKey.value).toBeUndefined();
    }
  });

  it('runs each migration as a pre-install,pre-upgrade hook Job with `migrate`', () => {
    const jobs = byKind(manifests, 'Job');
    expect(jobs.map(component).sort()).toEqual(services.map((s) => `${s}-migrate`).sort());
    for (const job of jobs) {
      expect(job.metadata.annotations).toMatchObject({
        'helm.sh/hook': 'pre-install,pre-upgrade',
        'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
      });
      const spec = podSpec(job);
      expect(spec.restartPolicy).toBe('Never');
      expect(spec.containers[0].args).toEqual(['migrate']);
      // The hook runs before the release's ServiceAccount exists.
      expect(spec.serviceAccountName).toBeUndefined();
      expect(job.spec.activeDeadlineSeconds).toBeGreaterThan(0);
    }
  });

  it('routes /api/<service> to each service and / to the console in one Ingress, like the local edge', () => {
    const [ingress, ...others] = byKind(manifests, 'Ingress');
    expect(others).toEqual([]);
    expect(ingress.spec.rules).toHaveLength(1);
    const paths = ingress.spec.rules[0].http.paths.map((p: { path: string; pathType: string; backend: { service: { name: string; port: { name: string } } } }) => ({
      path: p.path,
      pathType: p.pathType,
      service: p.backend.service.name,
      port: p.backend.service.port.name,
    }));
    const serviceName = (c: string) => find(manifests, 'Service', c).metadata.name;
    const refused = (name: string) =>
      [
        ['metrics', 'Exact'],
        ['openapi.json', 'Exact'],
        ['docs', 'Prefix'],
        ['docs-json', 'Exact'],
        ['docs-yaml', 'Exact'],
      ].map(([endpoint, pathType]) => ({ path: `/api/${name}/${endpoint}`, pathType, service: serviceName('console'), port: 'http' }));
    expect(paths).toEqual([
      ...services.flatMap((name) => [...refused(name), { path: `/api/${name}`, pathType: 'Prefix', service: serviceName(name), port: 'http' }]),
      { path: '/', pathType: 'Prefix', service: serviceName('console'), port: 'http' },
    ]);
    expect(ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/rewrite-target']).toBeUndefined();
  });

  it("never routes a service's metrics, OpenAPI document or Swagger UI to it (Ingress path matching: Exact, then the longest Prefix)", () => {
    const [ingress] = byKind(manifests, 'Ingress');
    const paths: { path: string; pathType: string; backend: { service: { name: string } } }[] = ingress.spec.rules[0].http.paths;
    // networking.k8s.io/v1 semantics: an Exact match wins; otherwise the longest Prefix matched element by element.
    const backendOf = (requestPath: string) => {
      const exact = paths.find((p) => p.pathType === 'Exact' && p.path === requestPath);
      if (exact) return exact.backend.service.name;
      const elements = (value: string) => value.split('/').filter(Boolean);
      const prefixes = paths
        .filter((p) => p.pathType === 'Prefix' && elements(p.path).every((element, i) => elements(requestPath)[i] === element))
        .sort((a, b) => elements(b.path).length - elements(a.path).length);
      return prefixes[0]?.backend.service.name;
    };
    const consoleService = find(manifests, 'Service', 'console').metadata.name;
    for (const name of services) {
      const service = find(manifests, 'Service', name).metadata.name;
      for (const internal of ['metrics', 'openapi.json', 'docs', 'docs/', 'docs/swagger-ui.css', 'docs/swagger-ui-init.js', 'docs-json', 'docs-yaml']) {
        expect([`/api/${name}/${internal}`, backendOf(`/api/${name}/${internal}`)]).toEqual([`/api/${name}/${internal}`, consoleService]);
      }
      for (const root of ['/metrics', '/docs', '/openapi.json']) expect(backendOf(root)).toBe(consoleService);
      // The API itself, including health, still reaches the service.
      for (const api of ['', '/healthz', '/readyz', '/districts', '/documents', '/metrics-report']) expect(backendOf(`/api/${name}${api}`)).toBe(service);
    }
    // The console's nginx answers 404 under /api/ (never the SPA's index.html).
    const conf = readFileSync(join(chartDir, '..', '..', 'deploy', 'docker', 'nginx', 'default.conf'), 'utf8');
    expect(conf).toMatch(/location \^~ \/api\/ \{[^}]*return 404 /);
  });

  it("points Prometheus at each service pod's own /metrics on port 3000", () => {
    for (const name of services) {
      const annotations = find(manifests, 'Deployment', name).spec.template.metadata.annotations;
      expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '3000', 'prometheus.io/path': '/metrics' });
    }
  });

  it('limits each service with a NetworkPolicy: ingress from the controller and Tsunagu pods, egress to PostgreSQL, NATS, OIDC and DNS', () => {
    // The hook pods' own policies (migration Jobs, helm test) are checked in chart-hooks-monitoring-tls.spec.ts.
    const policies = byKind(manifests, 'NetworkPolicy').filter((m) => !m.metadata.annotations?.['helm.sh/hook']);
    expect(policies.map(component).sort()).toEqual([...services, 'console'].sort());
    for (const name of services) {
      const policy = find(manifests, 'NetworkPolicy', name);
      expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      const [fromRule] = policy.spec.ingress;
      expect(fromRule.ports).toEqual([{ protocol: 'TCP', port: 3000 }]);
      expect(fromRule.from).toContainEqual(
        expect.objectContaining({ namespaceSelector: { matchLabels: expect.any(Object) }, podSelector: { matchLabels: expect.any(Object) } }),
      );
      expect(fromRule.from).toContainEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'tsunagu', 'app.kubernetes.io/instance': 'tsunagu' } } });
      for (const rule of policy.spec.ingress) expect(rule.from?.length).toBeGreaterThan(0);
      const egressPorts = policy.spec.egress.flatMap((rule: { ports: { port: number }[] }) => rule.ports.map((p) => p.port));
      expect(egressPorts).toEqual(expect.arrayContaining([5432, 4222, 443, 53]));
      // Every egress rule is limited to ports; none is an allow-all.
      for (const rule of policy.spec.egress) expect(rule.ports.length).toBeGreaterThan(0);
    }
    const consolePolicy = find(manifests, 'NetworkPolicy', 'console');
    expect(consolePolicy.spec.egress.flatMap((rule: { ports: { port: number }[] }) => rule.ports.map((p) => p.port))).toEqual([53, 53]);
  });

  it('never deploys the local idp', () => {
    const text = JSON.stringify(manifests);
    expect(text).not.toMatch(/\bidp\b/i);
    expect(manifests.map(component)).not.toContain('idp');
  });

  it('has a helm test pod that calls the readiness of every enabled service', () => {
    const [testPod] = byKind(manifests, 'Pod');
    expect(testPod.metadata.annotations?.['helm.sh/hook']).toBe('test');
    const urls = JSON.parse(env(testPod.spec.containers[0], 'READINESS_URLS')?.value ?? '[]');
    for (const name of services) {
      expect(urls).toContain(`http://${find(manifests, 'Service', name).metadata.name}/api/${name}/readyz`);
    }
    expect(urls).toContain(`http://${find(manifests, 'Service', 'console').metadata.name}/healthz`);
  });
});

/** The services that have landed since the registry, each with what makes it different. */
const landedServices = [
  { name: 'intake', env: { INTAKE_DV_ADDRESS_ROLES: 'supervisor,admin' } },
  { name: 'reporting', env: { REPORTING_SUPPRESSION_THRESHOLD: '3' } },
];

describe.each([
  { variant: 'default values', options: {} },
  { variant: 'values-production.yaml', options: { valuesFiles: ['values-production.yaml'] } },
])('intake and reporting with $variant', ({ options }) => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = render(options);
  });

  it.each(landedServices)('$name: probes, Ingress path, NetworkPolicy with NATS egress, migration hook and helm test', ({ name, env: expected }) => {
    const deployment = find(manifests, 'Deployment', name);
    const [container] = podSpec(deployment).containers;
    expect(container.image).toMatch(new RegExp(`/tsunagu/tsunagu-${name}:`)); // the names release.yml publishes (mirrored as they are)
    expect(container.livenessProbe.httpGet.path).toBe(`/api/${name}/healthz`);
    expect(container.readinessProbe.httpGet.path).toBe(`/api/${name}/readyz`);
    expect(container.startupProbe.httpGet.path).toBe(`/api/${name}/healthz`);
    for (const [key, value] of Object.entries(expected)) expect(env(container, key)?.value).toBe(value);

    const [ingress] = byKind(manifests, 'Ingress');
    const path = ingress.spec.rules[0].http.paths.find((p: { path: string }) => p.path === `/api/${name}`);
    expect(path?.backend.service.name).toBe(find(manifests, 'Service', name).metadata.name);

    const policy = find(manifests, 'NetworkPolicy', name);
    const egressPorts = policy.spec.egress.flatMap((rule: { ports: { port: number }[] }) => rule.ports.map((p) => p.port));
    expect(egressPorts).toEqual(expect.arrayContaining([5432, 4222, 443])); // both publish (outbox) or consume (projections) on NATS

    const job = find(manifests, 'Job', `${name}-migrate`);
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(podSpec(job).containers[0].args).toEqual(['migrate']);
    expect(podSpec(job).containers[0].image).toBe(container.image);
    for (const key of Object.keys(expected)) expect(env(podSpec(job).containers[0], key)).toBeDefined();

    const [testPod] = byKind(manifests, 'Pod');
    expect(JSON.parse(env(testPod.spec.containers[0], 'READINESS_URLS')?.value ?? '[]')).toContain(`http://${find(manifests, 'Service', name).metadata.name}/api/${name}/readyz`);
  });
});

describe('production values', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = render({ valuesFiles: ['values-production.yaml'] });
  });

  it('names a destination for every egress rule (no port-only rule to any address)', () => {
    for (const policy of byKind(manifests, 'NetworkPolicy')) {
      for (const rule of policy.spec.egress) expect(rule.to?.length).toBeGreaterThan(0);
    }
  });

  it("takes each service's own NATS user from a Secret, NATS_URL without credentials over TLS, and exports traces to the collector", () => {
    const [container] = podSpec(find(manifests, 'Deployment', 'registry')).containers;
    expect(env(container, 'NATS_URL')).toEqual({ name: 'NATS_URL', value: 'tls://nats.nats.svc.cluster.local:4222' });
    expect(env(container, 'NATS_USER')).toEqual({ name: 'NATS_USER', valueFrom: { secretKeyRef: { name: 'tsunagu-nats-users', key: 'registry-user' } } });
    expect(env(container, 'NATS_PASSWORD')).toEqual({ name: 'NATS_PASSWORD', valueFrom: { secretKeyRef: { name: 'tsunagu-nats-users', key: 'registry-password' } } });
    const [reporting] = podSpec(find(manifests, 'Deployment', 'reporting')).containers;
    expect(env(reporting, 'NATS_PASSWORD')).toEqual({ name: 'NATS_PASSWORD', valueFrom: { secretKeyRef: { name: 'tsunagu-nats-users', key: 'reporting-password' } } });
    expect(env(container, 'NATS_STREAM_REPLICAS')?.value).toBe('3');
    expect(env(container, 'OTEL_EXPORTER_OTLP_ENDPOINT')?.value).toMatch(/^http/);
    expect(env(container, 'AUDIT_CHECKPOINT_KEY')).toEqual({ name: 'AUDIT_CHECKPOINT_KEY', valueFrom: { secretKeyRef: { name: 'tsunagu-audit', key: 'checkpoint-key' } } });
    // Every replica runs a sealer (one leads); checkpoints on a schedule need the key above.
    expect(env(container, 'AUDIT_SEAL_INTERVAL_MS')?.value).toBe('1000');
    expect(env(container, 'AUDIT_CHECKPOINT_INTERVAL_SECONDS')?.value).toBe('600');
    const egressPorts = find(manifests, 'NetworkPolicy', 'registry').spec.egress.flatMap((r: { ports: { port: number }[] }) => r.ports.map((p) => p.port));
    expect(egressPorts).toEqual(expect.arrayContaining([4317, 4318]));
  });

  it('pins images to a release tag in the city registry and terminates TLS at the Ingress', () => {
    for (const workload of manifests.filter((m) => ['Deployment', 'Job', 'Pod'].includes(m.kind))) {
      for (const container of podSpec(workload).containers) expect(container.image).toMatch(/^registry\.city\.example\.lg\.jp\/tsunagu\/tsunagu-[a-z]+:0\.1\.0$/);
    }
    const [ingress] = byKind(manifests, 'Ingress');
    expect(ingress.spec.tls).toEqual([{ hosts: [production.ingress.host], secretName: production.ingress.tlsSecretName }]);
  });
});

describe('values that change the rendering', () => {
  it('sets replicas and drops the HPA when autoscaling is off, and drops the PDB for a single replica', () => {
    const two = render({ values: { services: { registry: { enabled: true, autoscaling: { enabled: false }, replicaCount: 3 } } } });
    expect(find(two, 'Deployment', 'registry').spec.replicas).toBe(3);
    expect(byKind(two, 'HorizontalPodAutoscaler').map(component).sort()).toEqual(['intake', 'matching', 'outreach', 'reporting']);
    const one = render({ values: { services: { registry: { enabled: true, autoscaling: { enabled: false }, replicaCount: 1 } } } });
    expect(byKind(one, 'PodDisruptionBudget').map(component).sort()).toEqual(['console', 'intake', 'matching', 'outreach', 'reporting']);
  });

  it('gives the owner role\'s URL (DATABASE_MIGRATION_URL) to the migration Jobs only, never to the services', () => {
    const manifests = render({ values: { database: { migration: { existingSecret: 'tsunagu-db-owner', existingSecretKey: 'uri' } } } });
    for (const job of byKind(manifests, 'Job')) {
      const [container] = podSpec(job).containers;
      expect(env(container, 'DATABASE_MIGRATION_URL')?.valueFrom).toEqual({ secretKeyRef: { name: 'tsunagu-db-owner', key: 'uri' } });
      // The Job grants DATABASE_URL's role (the application role) what the service needs.
      expect(env(container, 'DATABASE_URL')?.valueFrom).toEqual({ secretKeyRef: { name: defaults.database.existingSecret, key: defaults.database.existingSecretKey } });
    }
    for (const deployment of byKind(manifests, 'Deployment').filter((m) => component(m) !== 'console')) {
      expect(env(podSpec(deployment).containers[0], 'DATABASE_MIGRATION_URL')).toBeUndefined();
    }
    const perService = render({ values: { services: { registry: { enabled: true, database: { migrationExistingSecret: 'registry-owner', migrationExistingSecretKey: 'u' } } } } });
    expect(env(podSpec(find(perService, 'Job', 'registry-migrate')).containers[0], 'DATABASE_MIGRATION_URL')?.valueFrom).toEqual({ secretKeyRef: { name: 'registry-owner', key: 'u' } });
    // Without an owner Secret the Job migrates as DATABASE_URL's role (and the services warn that RLS is not in force).
    expect(env(podSpec(byKind(render({}), 'Job')[0]).containers[0], 'DATABASE_MIGRATION_URL')).toBeUndefined();
  });

  it('uses a per-service database Secret when one is given', () => {
    const manifests = render({ values: { services: { registry: { enabled: true, database: { existingSecret: 'registry-db', existingSecretKey: 'uri' } } } } });
    for (const m of [find(manifests, 'Deployment', 'registry'), find(manifests, 'Job', 'registry-migrate')]) {
      expect(env(podSpec(m).containers[0], 'DATABASE_URL')?.valueFrom).toEqual({ secretKeyRef: { name: 'registry-db', key: 'uri' } });
    }
  });

  it('passes extra environment variables as maps, values and secret references', () => {
    const manifests = render({
      values: { extraEnv: { OUTBOX_BATCH_SIZE: '50' }, extraEnvFromSecrets: { AUDIT_ANCHOR_KEY: { name: 'audit', key: 'key' } }, services: { registry: { env: { LOG_LEVEL_EXTRA: 'x' } } } },
    });
    const [container] = podSpec(find(manifests, 'Deployment', 'registry')).containers;
    expect(env(container, 'OUTBOX_BATCH_SIZE')?.value).toBe('50');
    expect(env(container, 'AUDIT_ANCHOR_KEY')?.valueFrom).toEqual({ secretKeyRef: { name: 'audit', key: 'key' } });
    expect(env(container, 'LOG_LEVEL_EXTRA')?.value).toBe('x');
  });

  it('pins an image by digest', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const manifests = render({ values: { services: { registry: { image: { digest } } } } });
    expect(podSpec(find(manifests, 'Deployment', 'registry')).containers[0].image).toBe(`ghcr.io/tsunagu/tsunagu-registry:0.1.0@${digest}`);
  });

  it('renders no NetworkPolicy when they are disabled', () => {
    expect(byKind(render({ values: { networkPolicy: { enabled: false } } }), 'NetworkPolicy')).toEqual([]);
  });
});

describe('console OIDC settings (/console-config.json)', () => {
  const configOf = (manifests: Manifest[]) => {
    const configMap = find(manifests, 'ConfigMap', 'console');
    expect(configMap.metadata.name).toBe('tsunagu-console-config');
    expect(Object.keys(configMap.data)).toEqual(['console-config.json']);
    return JSON.parse(configMap.data['console-config.json']);
  };

  it('derives the authority from oidc.issuer and uses the console client by default', () => {
    expect(configOf(render())).toEqual({ oidcAuthority: defaults.oidc.issuer, oidcClientId: 'tsunagu-console', oidcScope: 'openid profile tsunagu' });
  });

  it('renders the values of console.oidc', () => {
    const manifests = render({ values: { console: { oidc: { authority: 'https://id.city.lg.jp/realms/care', clientId: 'city-console', scope: 'openid tsunagu' } } } });
    expect(configOf(manifests)).toEqual({ oidcAuthority: 'https://id.city.lg.jp/realms/care', oidcClientId: 'city-console', oidcScope: 'openid tsunagu' });
  });

  it('names the city desk of intake’s CITY_DESK_ORGANIZATION_ID, where city staff’s new records start', () => {
    const desk = '01900000-0000-7000-8000-000000000001';
    expect(configOf(render({ values: { services: { intake: { env: { CITY_DESK_ORGANIZATION_ID: desk } } } } })).cityDeskOrganizationId).toBe(desk);
    expect(configOf(render({ values: { serviceDefaults: { env: { CITY_DESK_ORGANIZATION_ID: desk } } } })).cityDeskOrganizationId).toBe(desk);
    expect(configOf(render({ values: { extraEnv: { CITY_DESK_ORGANIZATION_ID: desk } } })).cityDeskOrganizationId).toBe(desk);
  });

  it('mounts the file read-only into the nginx html root as a single file', () => {
    const deployment = find(render(), 'Deployment', 'console');
    const pod = podSpec(deployment);
    const mount = pod.containers[0].volumeMounts.find((m: { name: string }) => m.name === 'console-config');
    expect(mount).toEqual({ name: 'console-config', mountPath: '/usr/share/nginx/html/console-config.json', subPath: 'console-config.json', readOnly: true });
    const volume = pod.volumes.find((v: { name: string }) => v.name === 'console-config');
    expect(volume.configMap).toEqual({ name: 'tsunagu-console-config', items: [{ key: 'console-config.json', path: 'console-config.json' }] });
    // The html root the mount goes into is the one the image serves.
    const dockerfile = readFileSync(join(chartDir, '..', '..', 'deploy', 'docker', 'console.Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/COPY --from=build \S+ \/usr\/share\/nginx\/html\/\n/);
  });

  it('rolls the console pods when the settings change', () => {
    const annotation = (manifests: Manifest[]) => find(manifests, 'Deployment', 'console').spec.template.metadata.annotations?.['checksum/console-config'];
    const before = annotation(render());
    expect(before).toMatch(/^[a-f0-9]{64}$/);
    expect(annotation(render())).toBe(before);
    expect(annotation(render({ values: { console: { oidc: { clientId: 'other-console' } } } }))).not.toBe(before);
    expect(annotation(render({ values: { oidc: { issuer: 'https://id.other.example/realms/t' } } }))).not.toBe(before);
  });

  it.each([
    ['a non-string clientId', { console: { oidc: { clientId: 42 } } }, 'clientId'],
    ['an empty clientId', { console: { oidc: { clientId: '' } } }, 'clientId'],
    ['an authority that is not a URL', { console: { oidc: { authority: 'id.example' } } }, 'authority'],
    ['an unknown key', { console: { oidc: { issuer: 'https://id.example' } } }, 'Additional property issuer is not allowed'],
  ])('rejects %s in the schema', (_name, values, message) => {
    const stderr = renderError({ values });
    expect(stderr).toContain("values don't meet the specifications of the schema");
    expect(stderr).toContain(message);
  });
});

describe("console response headers (nginx's security-headers.inc from a ConfigMap)", () => {
  const headersOf = (manifests: Manifest[]) => {
    const configMap = byKind(manifests, 'ConfigMap').find((m) => m.metadata.name === 'tsunagu-console-headers');
    expect(configMap).toBeDefined();
    const inc: string = configMap!.data['security-headers.inc'];
    return Object.fromEntries([...inc.matchAll(/^add_header (\S+) "([^"]*)" always;$/gm)].map((m) => [m[1], m[2]]));
  };
  const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));

  it('sends a strict CSP naming the OIDC issuer, HSTS, nosniff and no-referrer', () => {
    const headers = headersOf(render());
    const csp = directives(headers['Content-Security-Policy']);
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'frame-ancestors': "'none'",
      'connect-src': "'self' https://id.example.invalid",
    });
    expect(headers['Content-Security-Policy']).not.toMatch(/'unsafe-/);
    expect(headers).toMatchObject({
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
  });

  it('is the policy of the console image (and the local edge) with the issuer and extra origins in connect-src', () => {
    const image = readFileSync(join(chartDir, '..', '..', 'deploy', 'docker', 'nginx', 'security-headers.inc'), 'utf8');
    const imageHeaders = Object.fromEntries([...image.matchAll(/^add_header (\S+) "([^"]*)" always;$/gm)].map((m) => [m[1], m[2]]));
    const manifests = render({
      values: { console: { oidc: { authority: 'https://id.city.lg.jp:8443/realms/care' }, securityHeaders: { connectSrc: ['https://login.city.lg.jp'], hsts: '' } } },
    });
    const headers = headersOf(manifests);
    const expected = { ...directives(imageHeaders['Content-Security-Policy']), 'connect-src': "'self' https://id.city.lg.jp:8443 https://login.city.lg.jp" };
    expect(directives(headers['Content-Security-Policy'])).toEqual(expected);
    expect(headers['Strict-Transport-Security']).toBeUndefined();
    for (const name of ['X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy', 'Permissions-Policy']) expect(headers[name]).toBe(imageHeaders[name]);
  });

  it('mounts it over the file every location of the image includes, and rolls the pods when it changes', () => {
    const deployment = find(render(), 'Deployment', 'console');
    const pod = podSpec(deployment);
    const mount = pod.containers[0].volumeMounts.find((m: { name: string }) => m.name === 'console-headers');
    expect(mount).toEqual({ name: 'console-headers', mountPath: '/etc/nginx/tsunagu/security-headers.inc', subPath: 'security-headers.inc', readOnly: true });
    const conf = readFileSync(join(chartDir, '..', '..', 'deploy', 'docker', 'nginx', 'default.conf'), 'utf8');
    const dockerfile = readFileSync(join(chartDir, '..', '..', 'deploy', 'docker', 'console.Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`security-headers.inc ${mount.mountPath}`);
    expect(conf.match(/include \/etc\/nginx\/tsunagu\/security-headers\.inc;/g)?.length).toBe(conf.match(/^\s*location /gm)!.length - 1); // all but /healthz
    const checksum = (manifests: Manifest[]) => find(manifests, 'Deployment', 'console').spec.template.metadata.annotations['checksum/console-headers'];
    expect(checksum(render({ values: { console: { securityHeaders: { connectSrc: ['https://other.example'] } } } }))).not.toBe(checksum(render()));
  });

  it.each([
    ['a connect-src that is not an https origin', { console: { securityHeaders: { connectSrc: ["'unsafe-eval'"] } } }, 'connectSrc'],
    ['an HSTS value that is not one', { console: { securityHeaders: { hsts: 'max-age=1"; add_header X "y' } } }, 'hsts'],
  ])('rejects %s in the schema', (_name, values, message) => {
    const stderr = renderError({ values });
    expect(stderr).toContain("values don't meet the specifications of the schema");
    expect(stderr).toContain(message);
  });
});

describe('values the chart refuses', () => {
  it.each([
    ['a negative replica count', { services: { registry: { replicaCount: -1 } } }, 'replicaCount'],
    ['an unknown key in a service block', { services: { registry: { replicas: 3 } } }, 'Additional property replicas is not allowed'],
    ['an unknown key in serviceDefaults', { serviceDefaults: { probes: { liveness: { path: '/x' } } } }, 'Additional property path is not allowed'],
    ['the local idp as a service', { services: { idp: { enabled: true } } }, 'idp'],
    ['a writable root filesystem', { containerSecurityContext: { readOnlyRootFilesystem: false } }, 'readOnlyRootFilesystem'],
    ['running as root', { podSecurityContext: { runAsNonRoot: false } }, 'runAsNonRoot'],
    ['a municipality code that is not 6 digits', { municipality: '37201' }, 'municipality'],
    ['an unknown NODE_ENV', { nodeEnv: 'prod' }, 'nodeEnv'],
    ['more than 5 stream replicas', { nats: { streamReplicas: 7 } }, 'streamReplicas'],
    ['an empty database Secret name', { database: { existingSecret: '' } }, 'existingSecret'],
    ['a malformed digest', { services: { registry: { image: { digest: 'latest' } } } }, 'digest'],
  ])('rejects %s in the schema', (_name, values, message) => {
    const stderr = renderError({ values });
    expect(stderr).toContain("values don't meet the specifications of the schema");
    expect(stderr).toContain(message);
  });

  it.each([
    ['demo data in production', { demoData: true }, 'demoData: true is refused with nodeEnv: production'],
    ['a drain shorter than the readiness window', { shutdownDrainMs: 5000 }, 'shutdownDrainMs (5000) must exceed services.registry.probes.readiness'],
    ['a drain longer than the grace period', { shutdownDrainMs: 40000 }, 'must be shorter than terminationGracePeriodSeconds'],
    ['a drain that leaves running requests no time inside the grace period', { shutdownDrainMs: 26000 }, 'shutdownDrainMs (26000) plus the 5 s a service gives running requests must be shorter'],
    ['minReplicas above maxReplicas', { services: { registry: { autoscaling: { minReplicas: 5, maxReplicas: 2 } } } }, 'minReplicas (5) is greater than maxReplicas (2)'],
    ['a mutable latest tag', { global: { image: { tag: 'latest' } } }, 'the image tag `latest` is mutable'],
    [
      'nothing enabled',
      {
        services: { registry: { enabled: false }, intake: { enabled: false }, outreach: { enabled: false }, matching: { enabled: false }, reporting: { enabled: false } },
        console: { enabled: false },
      },
      'nothing to deploy',
    ],
    ['an ingress policy without a controller selector', { networkPolicy: { ingressController: { namespaceLabels: null, podLabels: null } } }, 'networkPolicy.ingressController'],
  ])('fails validateValues with a readable message for %s', (_name, values, message) => {
    const stderr = renderError({ values });
    expect(stderr).toContain('Invalid values for the tsunagu chart');
    expect(stderr).toContain(message);
  });
});

describe('the unknown-field check itself', () => {
  it('reports fields the Kubernetes schema does not define, in every kind the chart renders', () => {
    const manifests = render({});
    const kinds = [...new Set(manifests.map((m) => m.kind))];
    expect(kinds.sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'Job', 'NetworkPolicy', 'Pod', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
    for (const kind of kinds) {
      const manifest = structuredClone(manifests.find((m) => m.kind === kind)!);
      manifest.metadata.labelz = { typo: 'yes' };
      if (manifest.spec) manifest.spec.replicaz = 2;
      const report = validateManifest(manifest);
      expect({ kind, unknown: report.unknownFields }).toEqual({ kind, unknown: expect.arrayContaining(['metadata.labelz']) });
      if (manifest.spec) expect(report.unknownFields).toContain('spec.replicaz');
    }
    const deployment = structuredClone(find(manifests, 'Deployment', 'registry'));
    deployment.spec.template.spec.containers[0].readinessProbe.httpGet.pathh = '/x';
    expect(validateManifest(deployment).unknownFields).toEqual(['spec.template.spec.containers[0].readinessProbe.httpGet.pathh']);
  });

  it('reports type errors from the Kubernetes schema', () => {
    const deployment = structuredClone(find(render({}), 'Deployment', 'registry'));
    deployment.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(validateManifest(deployment).errors.join('\n')).toMatch(/containerPort/);
  });
});

describe('NOTES.txt', () => {
  /** helm template does not render NOTES: render a copy of the chart where NOTES is also a ConfigMap. */
  function notes(values: object): string {
    const copy = mkdtempSync(join(tmpdir(), 'tsunagu-notes-'));
    try {
      cpSync(chartDir, copy, { recursive: true, filter: (src) => !src.includes('node_modules') && !src.endsWith('/test') });
      const text = readFileSync(join(chartDir, 'templates', 'NOTES.txt'), 'utf8');
      writeFileSync(join(copy, 'templates', '_notes_probe.tpl'), `{{- define "tsunagu.notesProbe" -}}\n${text}\n{{- end -}}\n`);
      writeFileSync(
        join(copy, 'templates', 'notes-probe.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes-probe\ndata:\n  notes: {{ include "tsunagu.notesProbe" . | toJson }}\n',
      );
      const probe = render({ chart: copy, values }).find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'notes-probe');
      return probe?.data.notes as string;
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }

  it('prints how to reach each service and warns about the placeholder issuer and open egress', () => {
    const text = notes({});
    expect(text).toContain('http://tsunagu.example.lg.jp/api/registry/');
    expect(text).toContain('curl http://localhost:3000/api/registry/readyz');
    expect(text).toContain('helm test tsunagu');
    expect(text).toContain('WARNING: oidc.issuer is the chart');
    expect(text).toContain('networkPolicy.egress.database names no destination');
    expect(text).toContain('WARNING: audit.existingSecret is empty');
  });

  it('warns when no console refuses the internal endpoints at the Ingress, and when the Ingress has no TLS', () => {
    expect(notes({ console: { enabled: false } })).toContain('WARNING: console.enabled is false');
    expect(notes({})).toContain('NOTE: ingress.tlsSecretName is empty');
    expect(notes({})).not.toContain('WARNING: console.enabled is false');
  });

  it('warns when JetStream is not expected to fsync every write', () => {
    expect(notes({ nats: { syncInterval: '2m', streamReplicas: 1 } })).toMatch(/WARNING: nats.syncInterval is "2m"[\s\S]*WARNING: nats.streamReplicas is 1/);
  });

  it('has no warnings with the production example', () => {
    const text = notes(production);
    expect(text).toContain('https://tsunagu.city.example.lg.jp/api/registry/');
    expect(text).not.toMatch(/WARNING|NOTE:/);
  });
});
