import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { chartDir, find, podSpec, render, workspaceRoot } from './helm';

const read = (...parts: string[]) => readFileSync(join(...parts), 'utf8');

describe('values.yaml documentation', () => {
  const text = read(chartDir, 'values.yaml');
  const values = parse(text);
  const params = new Set([...text.matchAll(/^\s*## @param (\S+)/gm)].map((m) => m[1]));

  /** Leaf paths, and objects that are documented as a whole (e.g. a security context) stop the walk. */
  function undocumented(value: unknown, path: string[]): string[] {
    const key = path.join('.');
    if (path.length && params.has(key)) return [];
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length) {
      return Object.entries(value).flatMap(([k, v]) => undocumented(v, [...path, k]));
    }
    return [key];
  }

  it('has a `## @param` line for every value', () => {
    expect(undocumented(values, [])).toEqual([]);
  });

  it('documents only values that exist', () => {
    const missing = [...params].filter((p) => p.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], values) === undefined);
    expect(missing).toEqual([]);
  });

  it('generates README.md from it (`node charts/tsunagu/scripts/readme.cjs`), and README.md is up to date', () => {
    const { renderReadme, readmePath } = require('../scripts/readme.cjs') as { renderReadme(): string; readmePath: string };
    const expected = renderReadme();
    for (const param of params) expect(expected).toContain(`| \`${param}\` |`);
    expect(readFileSync(readmePath, 'utf8')).toBe(expected);
  });

  it('keeps services a map whose blocks are closed in values.schema.json', () => {
    const schema = JSON.parse(read(chartDir, 'values.schema.json'));
    expect(Array.isArray(values.services)).toBe(false);
    expect(schema.properties.services.additionalProperties).toEqual({ $ref: '#/definitions/service' });
    expect(schema.properties.services.propertyNames.not.enum).toContain('idp');
    expect(schema.definitions.service.additionalProperties).toBe(false);
    expect(schema.additionalProperties).toBe(false);
  });
});

/** Variable name → its spec text: an entry starts at a two-space-indented `NAME: {` and runs to the next one. */
function declaredVariables(source: string): Map<string, string> {
  const declared = new Map<string, string>();
  let current: string | undefined;
  for (const line of source.split('\n')) {
    const start = line.match(/^ {2}([A-Z][A-Z0-9_]+): \{/);
    if (start) declared.set((current = start[1]), line);
    else if (/^\S/.test(line)) current = undefined;
    else if (current) declared.set(current, `${declared.get(current)}\n${line}`);
  }
  return declared;
}

/** Variables the chart sets for libraries and the runtime, not for the services' own config (templates/_tls.tpl). */
const runtimeVariables = new Map([
  ['PGSSLMODE', 'node-postgres: TLS to PostgreSQL when DATABASE_URL has no sslmode of its own'],
  ['NODE_EXTRA_CA_CERTS', "Node.js: the city's CA for PostgreSQL, NATS, the IdP and the collector"],
]);

describe('service environment and docs/configuration variables', () => {
  const declared = declaredVariables(read(workspaceRoot, 'libs', 'platform', 'config', 'src', 'lib', 'variables.ts'));
  const container = podSpec(find(render({}), 'Deployment', 'registry')).containers[0] as { env: { name: string }[] };
  const set = container.env.map((e) => e.name);

  it('finds the platform variables', () => {
    expect(declared.size).toBeGreaterThan(10);
    expect([...declared.keys()]).toEqual(expect.arrayContaining(['DATABASE_URL', 'NATS_URL', 'OIDC_ISSUER']));
  });

  it('sets every variable the services require', () => {
    const required = [...declared].filter(([, body]) => /required: true/.test(body) && !/default:/.test(body)).map(([name]) => name);
    expect(required).toEqual(expect.arrayContaining(['DATABASE_URL', 'NATS_URL', 'OIDC_ISSUER']));
    expect(required.filter((name) => !set.includes(name))).toEqual([]);
  });

  it('sets only variables the services declare (or node-postgres and Node read)', () => {
    expect(set.filter((name) => !declared.has(name) && !runtimeVariables.has(name))).toEqual([]);
  });
});

describe.each([
  { service: 'intake', own: ['INTAKE_DV_ADDRESS_ROLES', 'INTAKE_REFERRAL_FOLLOW_UP_BUSINESS_DAYS', 'EMERGENCY_ACCESS_MINUTES', 'INTAKE_RETENTION_CHECK_INTERVAL_MS', 'FORMS_MUNICIPALITY_NAME'] },
  { service: 'reporting', own: ['REPORTING_SUPPRESSION_THRESHOLD', 'REPORTING_READY_MAX_LAG', 'REPORTING_SNAPSHOT_KEY'] },
  { service: 'outreach', own: ['OUTREACH_INACTIVITY_DAYS_DEFAULT', 'OUTREACH_CHECK_INTERVAL_MS', 'OUTREACH_RETENTION_CHECK_INTERVAL_MS', 'OUTREACH_DV_ADDRESS_ROLES', 'OUTREACH_PERSON_WAIT_MS'] },
  { service: 'matching', own: ['MATCHING_FOLLOW_UP_DAYS', 'MATCHING_SUGGESTION_LIMIT', 'MATCHING_GAP_CHECK_INTERVAL_MS', 'MATCHING_DV_ADDRESS_ROLES', 'MATCHING_PERSON_WAIT_MS'] },
])('$service environment (apps/$service/src/config.ts)', ({ service, own }) => {
  const platform = declaredVariables(read(workspaceRoot, 'libs', 'platform', 'config', 'src', 'lib', 'variables.ts'));
  const source = read(workspaceRoot, 'apps', service, 'src', 'config.ts');
  const ownDeclared = [...declaredVariables(source).keys()];
  // Variables a shared lib declares once and the service spreads in (REPORTING_PSEUDONYM_KEY: libs/util/pseudonym).
  const spread = source.includes('...pseudonymVariables') ? declaredVariables(read(workspaceRoot, 'libs', 'util', 'pseudonym', 'src', 'lib', 'person-pseudonym.ts')) : new Map<string, string>();
  const declared = new Map([...declaredVariables(source), ...spread]);
  const configurationDoc = read(workspaceRoot, 'docs', 'configuration.md');
  const valuesText = read(chartDir, 'values.yaml');
  const envOf = (manifests: ReturnType<typeof render>) =>
    (podSpec(find(manifests, 'Deployment', service)).containers[0] as { env: { name: string }[] }).env.map((e) => e.name);

  it('finds the service-specific variables', () => {
    expect(ownDeclared).toEqual(own);
  });

  it.each([
    ['default values', {}],
    ['values-production.yaml', { valuesFiles: ['values-production.yaml'] }],
  ])('with %s sets only variables the service or the platform declares, and every required one', (_name, options) => {
    const set = envOf(render(options));
    expect(set.filter((name) => !declared.has(name) && !platform.has(name) && !runtimeVariables.has(name))).toEqual([]);
    const required = [...declared, ...platform].filter(([, body]) => /required: true/.test(body) && !/default:/.test(body)).map(([name]) => name);
    expect(required.filter((name) => !set.includes(name))).toEqual([]);
  });

  it('sets each service variable in the chart or documents it in values.yaml and docs/configuration.md', () => {
    const set = envOf(render({}));
    for (const name of ownDeclared) {
      expect({ name, documented: configurationDoc.includes(`\`${name}\``) }).toEqual({ name, documented: true });
      expect({ name, chart: set.includes(name) || valuesText.includes(name) }).toEqual({ name, chart: true });
    }
  });
});

describe('NATS durability settings (RELIABILITY G2)', () => {
  const nats = parse(read(chartDir, 'examples', 'nats-values.yaml'));
  const production = parse(read(chartDir, 'values-production.yaml'));

  it('runs JetStream on file storage, three servers, with sync_interval: always as an active setting', () => {
    expect(nats.config.jetstream.enabled).toBe(true);
    expect(nats.config.jetstream.fileStore.enabled).toBe(true);
    expect(nats.config.jetstream.fileStore.pvc.enabled).toBe(true);
    expect(nats.config.jetstream.memoryStore.enabled).toBe(false);
    expect(nats.config.cluster.enabled).toBe(true);
    expect(nats.config.cluster.replicas).toBeGreaterThanOrEqual(3);
    expect(nats.config.jetstream.merge.sync_interval).toBe('always');
  });

  it('uses a NATS server of at least 2.10.23', () => {
    const [major, minor, patch] = String(nats.container.image.tag).match(/^(\d+)\.(\d+)\.(\d+)/)!.slice(1).map(Number);
    expect(major * 1e6 + minor * 1e3 + patch).toBeGreaterThanOrEqual(2 * 1e6 + 10 * 1e3 + 23);
  });

  it('creates the event stream with 3 replicas and expects sync_interval: always in production', () => {
    expect(production.nats.streamReplicas).toBe(3);
    expect(production.nats.syncInterval).toBe('always');
  });
});

describe('Dockerfiles', () => {
  const dockerDir = join(workspaceRoot, 'deploy', 'docker');
  /** Instructions with continuation lines joined and comments dropped. */
  function instructions(file: string): { op: string; args: string }[] {
    return read(dockerDir, file)
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const [op, ...rest] = line.split(/\s+/);
        return { op: op.toUpperCase(), args: rest.join(' ') };
      });
  }
  function finalStage(file: string) {
    const all = instructions(file);
    const lastFrom = all.map((i) => i.op).lastIndexOf('FROM');
    return all.slice(lastFrom);
  }

  it.each(['service.Dockerfile', 'console.Dockerfile'])('%s is multi-stage, runs as a numeric non-root USER and has no HEALTHCHECK', (file) => {
    const all = instructions(file);
    expect(all.filter((i) => i.op === 'FROM').length).toBeGreaterThanOrEqual(2);
    expect(all.filter((i) => i.op === 'HEALTHCHECK')).toEqual([]);
    const users = finalStage(file).filter((i) => i.op === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].args.split(':')[0];
    expect(user).toMatch(/^\d+$/); // numeric, so the kubelet can verify runAsNonRoot
    expect(Number(user)).toBeGreaterThan(0);
  });

  it('builds each service with its production dependencies only, from the generated lock', () => {
    const all = instructions('service.Dockerfile');
    expect(all).toContainEqual({ op: 'ARG', args: 'SERVICE' });
    const runs = all.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /npm ci --omit=dev/.test(r))).toBe(true);
    expect(all.some((i) => i.op === 'COPY' && /dist\/apps\/\$\{SERVICE\}\/package-lock\.json/.test(i.args))).toBe(true);
    const final = finalStage('service.Dockerfile');
    expect(final.find((i) => i.op === 'ENTRYPOINT')?.args).toMatch(/"node".*"main\.js"/);
    expect(final.find((i) => i.op === 'EXPOSE')?.args).toBe('3000');
    // The chart runs the pods as this user.
    const podUser = podSpec(find(render({}), 'Deployment', 'registry')).securityContext.runAsUser;
    expect(final.filter((i) => i.op === 'USER').pop()?.args).toBe(`${podUser}:${podUser}`);
  });

  it('serves the console unprivileged on 8080 with an SPA fallback and an uncached index.html', () => {
    const final = finalStage('console.Dockerfile');
    expect(final[0].args).toMatch(/NGINX_IMAGE|nginx-unprivileged/);
    expect(instructions('console.Dockerfile').find((i) => i.op === 'ARG' && i.args.startsWith('NGINX_IMAGE='))?.args).toMatch(/nginx-unprivileged/);
    expect(final.find((i) => i.op === 'EXPOSE')?.args).toBe('8080');
    const conf = read(dockerDir, 'nginx', 'default.conf');
    expect(conf).toMatch(/listen 8080;/);
    expect(conf).toMatch(/try_files \$uri \$uri\/ \/index\.html;/);
    expect(conf).toMatch(/location = \/index\.html \{[^}]*Cache-Control "no-store"/);
    expect(conf).toMatch(/location = \/healthz/);
    // The chart's /console-config.json is served as a file or not at all (404 → built-in defaults), never as index.html.
    expect(conf).toMatch(/location = \/console-config\.json \{[^}]*try_files \$uri =404;/);
  });
});

describe('Grafana dashboard (dashboards/tsunagu-services.json)', () => {
  const dashboard = JSON.parse(read(chartDir, 'dashboards', 'tsunagu-services.json'));
  const exprs: string[] = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) => p.targets.map((t) => t.expr));

  it('charts only metrics the services export', () => {
    const platformSource = ['service/src/lib/metrics.ts', 'messaging/src/lib/metrics.ts']
      .map((file) => read(workspaceRoot, 'libs', 'platform', ...file.split('/')))
      .join('\n');
    const names = new Set(exprs.flatMap((e) => [...e.matchAll(/\b([a-z_]+)\{/g)].map((m) => m[1])));
    expect(names.size).toBeGreaterThan(5);
    for (const name of names) {
      const base = name.replace(/_(bucket|count|sum)$/, '');
      // nodejs_* and process_* come from prom-client's collectDefaultMetrics().
      expect({ name, exported: /^(nodejs|process)_/.test(base) || platformSource.includes(`'${base}'`) }).toEqual({ name, exported: true });
    }
  });

  it('shows the SLO latencies and the outbox and dead-letter health', () => {
    expect(exprs.some((e) => e.includes('histogram_quantile(0.99'))).toBe(true);
    expect(exprs.some((e) => e.includes('tsunagu_outbox_lag_seconds'))).toBe(true);
    expect(exprs.some((e) => e.includes('tsunagu_messages_dead_lettered_total'))).toBe(true);
  });
});
