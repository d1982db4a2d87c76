import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { byKind, chartDir, component, find, type Manifest, podSpec, render, renderError, workspaceRoot } from './helm';

const production = parse(readFileSync(join(chartDir, 'values-production.yaml'), 'utf8'));
const variants = [
  { name: 'default values', options: {} },
  { name: 'values-production.yaml', options: { valuesFiles: ['values-production.yaml'] } },
];
type Env = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };
const envOf = (container: { env?: Env[] }, name: string) => container.env?.find((e) => e.name === name);
const matches = (selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values: string[] }[] }, labels: Record<string, string>) =>
  Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
  (selector.matchExpressions ?? []).every((e) => e.operator === 'In' && e.values.includes(labels[e.key]));
const ports = (rule: { ports: { port: number; protocol: string }[] }) => rule.ports.map((p) => `${p.protocol}/${p.port}`);
const weight = (m: Manifest) => Number(m.metadata.annotations?.['helm.sh/hook-weight'] ?? 0);

describe.each(variants)('NetworkPolicies of the hook pods with $name (a default-deny namespace must not hang the install)', ({ options }) => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = render(options);
  });

  it('lets every migration Job reach PostgreSQL and DNS only, as a pre-install/pre-upgrade hook created before the Jobs', () => {
    const policy = find(manifests, 'NetworkPolicy', 'migrate');
    const jobs = byKind(manifests, 'Job');
    expect(jobs.length).toBeGreaterThan(0);
    expect(policy.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
    for (const job of jobs) {
      expect(weight(policy)).toBeLessThan(weight(job));
      expect({ job: job.metadata.name, selected: matches(policy.spec.podSelector, job.spec.template.metadata.labels) }).toEqual({ job: job.metadata.name, selected: true });
    }
    // It selects nothing else: no Deployment's pods, no test pod.
    for (const other of [...byKind(manifests, 'Deployment').map((d) => d.spec.template.metadata.labels), ...byKind(manifests, 'Pod').map((p) => p.metadata.labels ?? {})]) {
      expect(matches(policy.spec.podSelector, other)).toBe(false);
    }
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([]);
    const egress = policy.spec.egress.flatMap(ports).sort();
    expect(egress).toEqual(['TCP/53', 'TCP/5432', 'UDP/53']);
  });

  it('lets the helm test pod reach this release’s services and console and DNS only, as a test hook created before the pod', () => {
    const policy = find(manifests, 'NetworkPolicy', 'test');
    const [testPod] = byKind(manifests, 'Pod');
    expect(policy.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'test', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
    expect(weight(policy)).toBeLessThan(weight(testPod));
    expect(matches(policy.spec.podSelector, testPod.metadata.labels ?? {})).toBe(true);
    expect(policy.spec.ingress).toEqual([]);
    const [toRelease, dns] = policy.spec.egress;
    expect(ports(toRelease).sort()).toEqual(['TCP/3000', 'TCP/8080']);
    // Every URL the test calls is a Service whose pods this rule admits, and whose own policy admits the test pod.
    for (const deployment of byKind(manifests, 'Deployment')) {
      const podLabels = deployment.spec.template.metadata.labels;
      expect(toRelease.to.some((peer: { podSelector: { matchLabels: Record<string, string> } }) => matches(peer.podSelector, podLabels))).toBe(true);
      const own = find(manifests, 'NetworkPolicy', component(deployment)!);
      const admitted = own.spec.ingress.some((rule: { from: { podSelector?: { matchLabels: Record<string, string> }; namespaceSelector?: unknown }[] }) =>
        rule.from.some((peer) => peer.podSelector && !peer.namespaceSelector && matches(peer.podSelector, testPod.metadata.labels ?? {})),
      );
      expect({ deployment: deployment.metadata.name, admitsTestPod: admitted }).toEqual({ deployment: deployment.metadata.name, admitsTestPod: true });
    }
    expect(ports(dns).sort()).toEqual(['TCP/53', 'UDP/53']);
  });
});

describe('hook NetworkPolicies follow the values', () => {
  it('are not rendered without NetworkPolicies, without migrations or without the test', () => {
    expect(byKind(render({ values: { networkPolicy: { enabled: false } } }), 'NetworkPolicy')).toEqual([]);
    const noMigrations = render({ values: { serviceDefaults: { migrations: { enabled: false } } } });
    expect(byKind(noMigrations, 'NetworkPolicy').map(component)).not.toContain('migrate');
    expect(byKind(render({ values: { tests: { enabled: false } } }), 'NetworkPolicy').map(component)).not.toContain('test');
  });
});

describe('monitoring (Prometheus Operator and the Grafana sidecar)', () => {
  it('renders no ServiceMonitor, PrometheusRule or dashboard by default (the CRDs may not exist)', () => {
    const manifests = render();
    expect(byKind(manifests, 'ServiceMonitor')).toEqual([]);
    expect(byKind(manifests, 'PrometheusRule')).toEqual([]);
    expect(byKind(manifests, 'ConfigMap').map(component)).not.toContain('dashboard');
  });

  describe('with values-production.yaml', () => {
    let manifests: Manifest[];
    beforeAll(() => {
      manifests = render({ valuesFiles: ['values-production.yaml'] });
    });

    it('scrapes every enabled service’s /metrics through its Service, keeping the services’ own `service` label', () => {
      const [monitor, ...others] = byKind(manifests, 'ServiceMonitor');
      expect(others).toEqual([]);
      expect(monitor.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
      const services = byKind(manifests, 'Service');
      const selected = services.filter((s) => matches(monitor.spec.selector, s.metadata.labels!)).map(component);
      expect(selected.sort()).toEqual(services.map(component).filter((c) => c !== 'console').sort());
      expect(monitor.spec.namespaceSelector).toEqual({ matchNames: ['tsunagu'] });
      expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics', honorLabels: true })]);
      for (const service of services) expect(service.spec.ports.map((p: { name: string }) => p.name)).toContain('http');
      // The services' NetworkPolicies admit Prometheus (validateValues refuses a ServiceMonitor without it).
      expect(production.networkPolicy.metrics.enabled).toBe(true);
    });

    it('alerts on outbox lag, consumer backlog, dead letters, the 5xx ratio and the audit checkpoint age, only for this release', () => {
      const [rule] = byKind(manifests, 'PrometheusRule');
      const rules: { alert: string; expr: string; labels: { severity: string } }[] = rule.spec.groups.flatMap((g: { rules: unknown[] }) => g.rules);
      expect(rules.map((r) => r.alert)).toEqual(['TsunaguOutboxLag', 'TsunaguConsumerBacklog', 'TsunaguConsumerLeaderless', 'TsunaguDeadLetters', 'TsunaguHttp5xx', 'TsunaguAuditCheckpointAge']);
      for (const r of rules) {
        expect(r.expr).toContain('namespace="tsunagu", service=~"intake|matching|outreach|registry|reporting"');
        expect(['warning', 'critical']).toContain(r.labels.severity);
      }
      expect(rules.find((r) => r.alert === 'TsunaguOutboxLag')?.expr).toMatch(/> 300$/);
      expect(rules.find((r) => r.alert === 'TsunaguHttp5xx')?.expr).toMatch(/status=~"5\.\."/);
    });

    it('queries only metrics the services export', () => {
      const [rule] = byKind(manifests, 'PrometheusRule');
      const exprs: string[] = rule.spec.groups.flatMap((g: { rules: { expr: string }[] }) => g.rules.map((r) => r.expr));
      const source = ['platform/service/src/lib/metrics.ts', 'platform/messaging/src/lib/metrics.ts', 'platform/audit/src/lib/audit-metrics.ts']
        .map((file) => readFileSync(join(workspaceRoot, 'libs', ...file.split('/')), 'utf8'))
        .join('\n');
      const names = new Set(exprs.flatMap((e) => [...e.matchAll(/\b([a-z_]+)\{/g)].map((m) => m[1])));
      expect(names.size).toBe(6);
      for (const name of names) {
        const base = name.replace(/_(bucket|count|sum)$/, '');
        expect({ name, exported: source.includes(`'${base}'`) }).toEqual({ name, exported: true });
      }
    });

    it('ships the dashboard file as a ConfigMap labelled for the Grafana sidecar', () => {
      const dashboard = find(manifests, 'ConfigMap', 'dashboard');
      expect(dashboard.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
      expect(dashboard.metadata.annotations).toEqual({ grafana_folder: 'Tsunagu' });
      expect(JSON.parse(dashboard.data['tsunagu-services.json'])).toEqual(JSON.parse(readFileSync(join(chartDir, 'dashboards', 'tsunagu-services.json'), 'utf8')));
    });
  });

  it.each([
    ['a ServiceMonitor that the NetworkPolicies would block', { monitoring: { serviceMonitor: { enabled: true } } }, 'needs networkPolicy.metrics.enabled'],
    ['a dashboard without sidecar labels', { monitoring: { grafanaDashboard: { enabled: true, labels: null } } }, 'monitoring.grafanaDashboard.labels is empty'],
  ])('refuses %s', (_name, values, message) => {
    expect(renderError({ values })).toContain(message);
  });

  it('refuses a rule threshold of the wrong type in the schema', () => {
    expect(renderError({ values: { monitoring: { prometheusRule: { http5xxRatio: 5 } } } })).toContain('http5xxRatio');
  });
});

/** Every connection a service container opens to something outside the release, as the rendered env says it. */
function connections(container: { env?: Env[] }) {
  return {
    database: envOf(container, 'PGSSLMODE')?.value,
    nats: envOf(container, 'NATS_URL'),
    issuer: envOf(container, 'OIDC_ISSUER')?.value,
    jwks: envOf(container, 'OIDC_JWKS_URI')?.value,
    otel: envOf(container, 'OTEL_EXPORTER_OTLP_ENDPOINT')?.value,
  };
}

describe('NATS users of the example NATS values (docs/operations/nats-users.md)', () => {
  const permissions = require(join(workspaceRoot, 'libs', 'platform', 'local-infrastructure', 'src', 'nats-permissions.cjs')) as {
    NATS_SERVICES: Record<string, unknown>;
    natsUserName(service: string): string;
    servicePermissions(service: string): unknown;
  };
  const nats = parse(readFileSync(join(chartDir, 'examples', 'nats-values.yaml'), 'utf8'));
  const users = nats.config.merge.authorization.users as { user: string; password: string; permissions: unknown }[];

  it('gives each service its own user with exactly the permissions of the local stack and the tests', () => {
    expect(users.map((user) => user.user)).toEqual(Object.keys(permissions.NATS_SERVICES).map(permissions.natsUserName));
    for (const service of Object.keys(permissions.NATS_SERVICES)) {
      const user = users.find((candidate) => candidate.user === permissions.natsUserName(service));
      expect({ service, permissions: user?.permissions }).toEqual({ service, permissions: permissions.servicePermissions(service) });
    }
  });

  it("lets no service publish another's events, nor use the JetStream API beyond the two streams", () => {
    for (const user of users) {
      const allowed = (user.permissions as { publish: { allow: string[] } }).publish.allow;
      const service = user.user.replace(/^tsunagu-/, '');
      expect(allowed.filter((subject) => subject.startsWith('tsunagu.evt.'))).toEqual([`tsunagu.evt.${service}.>`]);
      expect(allowed).not.toContain('>');
      expect(allowed.filter((subject) => /^\$JS\.API\.(>|STREAM\.(DELETE|PURGE|MSG\.DELETE))/.test(subject))).toEqual([]);
    }
  });

  it('reads every password from the Secret tsunagu-nats-users', () => {
    for (const service of Object.keys(permissions.NATS_SERVICES)) {
      const variable = `TSUNAGU_${service.toUpperCase()}_NATS_PASSWORD`;
      expect(users.find((user) => user.user === permissions.natsUserName(service))?.password).toBe(`<< $${variable} >>`);
      expect(nats.container.env[variable]).toEqual({ valueFrom: { secretKeyRef: { name: 'tsunagu-nats-users', key: `${service}-password` } } });
    }
  });
});

describe('TLS to PostgreSQL, NATS, the IdP and the collector', () => {
  it('renders only TLS connections with values-production.yaml', () => {
    const manifests = render({ valuesFiles: ['values-production.yaml'] });
    const workloads = manifests.filter((m) => ['Deployment', 'Job'].includes(m.kind) && component(m) !== 'console');
    expect(workloads.length).toBe(10);
    for (const workload of workloads) {
      const spec = podSpec(workload);
      const [container] = spec.containers;
      const c = connections(container);
      const where = `${workload.kind}/${workload.metadata.name}`;
      expect({ where, database: c.database }).toEqual({ where, database: 'verify-full' });
      // The URL carries no credentials (each service's own user comes from a Secret) and uses tls://.
      expect({ where, nats: c.nats?.value }).toEqual({ where, nats: expect.stringMatching(/^tls:\/\/[^@,]+$/) });
      for (const url of [c.issuer, c.jwks, c.otel]) expect({ where, url }).toEqual({ where, url: expect.stringMatching(/^https:\/\//) });
      // The city CA is mounted where NODE_EXTRA_CA_CERTS points.
      const caPath = envOf(container, 'NODE_EXTRA_CA_CERTS')?.value;
      expect(caPath).toBe('/etc/tsunagu/ca/ca.crt');
      expect(container.volumeMounts).toContainEqual({ name: 'ca-bundle', mountPath: '/etc/tsunagu/ca', readOnly: true });
      expect(spec.volumes).toContainEqual({ name: 'ca-bundle', configMap: { name: 'city-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
      for (const variable of container.env as Env[]) expect(`${variable.name}=${variable.value ?? ''}`).not.toMatch(/(nats|http|postgres(ql)?):\/\//);
    }
    const consoleConfig = JSON.parse(find(manifests, 'ConfigMap', 'console').data['console-config.json']);
    expect(consoleConfig.oidcAuthority).toMatch(/^https:\/\//);
    const [ingress] = byKind(manifests, 'Ingress');
    expect(ingress.spec.tls?.length).toBe(1);
  });

  it('defaults to TLS: PGSSLMODE verify-full and a tls:// NATS URL, no CA mount without a bundle', () => {
    const [container] = podSpec(find(render(), 'Deployment', 'registry')).containers;
    expect(connections(container)).toMatchObject({ database: 'verify-full', nats: { value: 'tls://nats.nats.svc.cluster.local:4222' } });
    expect(envOf(container, 'NODE_EXTRA_CA_CERTS')).toBeUndefined();
    expect(container.volumeMounts.map((m: { name: string }) => m.name)).toEqual(['tmp']);
  });

  it.each([
    ['a nats:// URL', { nats: { url: 'nats://nats:4222' } }, 'nats.url "nats://nats:4222" is not tls://'],
    ['one plain server in a list', { nats: { url: 'tls://n1:4222,nats://n2:4222' } }, 'nats.url "nats://n2:4222" is not tls://'],
    ['a NATS Secret not stated to use tls://', { nats: { existingSecret: 'n' }, tls: { natsSecretUrlUsesTls: false } }, 'tls.natsSecretUrlUsesTls is false'],
    ['PostgreSQL without TLS', { tls: { databaseSslMode: 'disable' } }, 'tls.databaseSslMode is "disable"'],
    ['PostgreSQL without certificate checks', { tls: { databaseSslMode: 'no-verify' } }, 'tls.databaseSslMode is "no-verify"'],
    ['an http issuer', { oidc: { issuer: 'http://id.city.example.lg.jp/realms/t' } }, 'oidc.issuer "http://id.city.example.lg.jp/realms/t" is not https://'],
    ['an http JWKS', { oidc: { jwksUri: 'http://keycloak.iam/certs' } }, 'oidc.jwksUri "http://keycloak.iam/certs" is not https://'],
    ['an http console authority', { console: { oidc: { authority: 'http://id.example/realms/t' } } }, 'console.oidc.authority'],
    ['an http collector', { otel: { endpoint: 'http://otel:4318' } }, 'otel.endpoint "http://otel:4318" is not https://'],
  ])('refuses %s with nodeEnv production', (_name, values, message) => {
    const stderr = renderError({ values });
    expect(stderr).toContain('Plain connections refused with nodeEnv: production');
    expect(stderr).toContain(message);
  });

  it('allows plain connections outside production, or with tls.allowPlaintext (behind a mesh), and sets what it is told', () => {
    const plain = { nats: { url: 'nats://nats:4222' }, tls: { databaseSslMode: 'disable' }, otel: { endpoint: 'http://otel:4318' } };
    const [development] = podSpec(find(render({ values: { ...plain, nodeEnv: 'development' } }), 'Deployment', 'registry')).containers;
    expect(connections(development)).toMatchObject({ database: 'disable', nats: { value: 'nats://nats:4222' } });
    const meshed = render({ values: { ...plain, tls: { databaseSslMode: 'disable', allowPlaintext: true } } });
    expect(find(meshed, 'Deployment', 'registry')).toBeDefined();
  });

  it('refuses an unknown sslmode and a NATS URL of another scheme in the schema', () => {
    expect(renderError({ values: { tls: { databaseSslMode: 'require' } } })).toContain('databaseSslMode');
    expect(renderError({ values: { nats: { url: 'http://nats:4222' } } })).toContain('url');
  });

  it('uses TLS in every example values file', () => {
    const examples = readdirSync(join(chartDir, 'examples')).map((f) => readFileSync(join(chartDir, 'examples', f), 'utf8'));
    const nats = parse(readFileSync(join(chartDir, 'examples', 'nats-values.yaml'), 'utf8'));
    expect(nats.config.nats.tls.enabled).toBe(true);
    expect(nats.config.cluster.tls.enabled).toBe(true);
    for (const user of nats.config.merge.authorization.users) expect(user.password).toMatch(/^<< \$[A-Z_]+ >>$/); // from a Secret, never in the file
    for (const text of [...examples, readFileSync(join(chartDir, 'values-production.yaml'), 'utf8')]) {
      expect(text).not.toMatch(/\b(nats|http):\/\/[a-z]/);
      expect(text).not.toMatch(/sslmode=(disable|allow|prefer)/);
    }
  });
});
