import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { chartDir, workspaceRoot } from './helm';

/**
 * The GitHub Actions workflows cannot run here, and the official workflow schema cannot be fetched at test time:
 * this is a schema for the subset of the syntax our workflows use, closed (`additionalProperties: false`) so a typo
 * in a key fails here instead of on the first tag. Extend it when a workflow needs more of the syntax.
 */
const pinnedAction = '^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$';
const expressionOr = (schema: object) => ({ anyOf: [schema, { type: 'string', pattern: '^\\$\\{\\{.*\\}\\}$' }] });
const stringMap = { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } };
const permissions = {
  anyOf: [
    { enum: ['read-all', 'write-all'] },
    {
      type: 'object',
      additionalProperties: false,
      patternProperties: { '^(actions|attestations|checks|contents|deployments|id-token|issues|packages|pages|pull-requests|security-events|statuses)$': { enum: ['read', 'write', 'none'] } },
    },
  ],
};
const step = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    id: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
    if: { type: ['string', 'boolean'] },
    uses: { type: 'string', pattern: pinnedAction },
    with: stringMap,
    run: { type: 'string', minLength: 1 },
    shell: { enum: ['bash', 'sh', 'pwsh', 'python'] },
    env: stringMap,
    'working-directory': { type: 'string' },
    'continue-on-error': { type: ['boolean', 'string'] },
    'timeout-minutes': expressionOr({ type: 'integer', minimum: 1 }),
  },
  oneOf: [{ required: ['uses'] }, { required: ['run'] }],
};
const job = {
  type: 'object',
  additionalProperties: false,
  required: ['runs-on', 'steps', 'timeout-minutes'],
  properties: {
    name: { type: 'string' },
    needs: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    if: { type: ['string', 'boolean'] },
    'runs-on': { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    permissions,
    env: stringMap,
    outputs: stringMap,
    environment: { type: ['string', 'object'] },
    concurrency: { type: ['string', 'object'] },
    'timeout-minutes': { type: 'integer', minimum: 1, maximum: 360 },
    'continue-on-error': { type: 'boolean' },
    strategy: {
      type: 'object',
      additionalProperties: false,
      properties: { matrix: { type: 'object' }, 'fail-fast': { type: 'boolean' }, 'max-parallel': { type: 'integer', minimum: 1 } },
    },
    defaults: { type: 'object' },
    steps: { type: 'array', minItems: 1, items: step },
  },
};
const trigger = {
  anyOf: [
    { type: 'null' },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        branches: { type: 'array', items: { type: 'string' } },
        'branches-ignore': { type: 'array', items: { type: 'string' } },
        tags: { type: 'array', items: { type: 'string' } },
        paths: { type: 'array', items: { type: 'string' } },
        'paths-ignore': { type: 'array', items: { type: 'string' } },
        types: { type: 'array', items: { type: 'string' } },
        inputs: { type: 'object' },
      },
    },
  ],
};
export const workflowSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'on', 'permissions', 'jobs'],
  properties: {
    name: { type: 'string' },
    'run-name': { type: 'string' },
    on: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: { push: trigger, pull_request: trigger, workflow_dispatch: trigger, schedule: { type: 'array' }, release: trigger },
    },
    permissions,
    env: stringMap,
    defaults: { type: 'object' },
    concurrency: { type: 'object', additionalProperties: false, required: ['group'], properties: { group: { type: 'string' }, 'cancel-in-progress': { type: 'boolean' } } },
    jobs: { type: 'object', minProperties: 1, propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' }, additionalProperties: job },
  },
};

const workflowDir = join(workspaceRoot, '.github', 'workflows');
const files = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f));
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(workflowSchema);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Workflow = { jobs: Record<string, { needs?: string | string[]; steps: { id?: string; uses?: string; run?: string }[]; permissions?: Record<string, string>; [key: string]: any }>; [key: string]: any };
const load = (file: string): { text: string; workflow: Workflow } => {
  const text = readFileSync(join(workflowDir, file), 'utf8');
  return { text, workflow: parse(text) };
};

describe('GitHub Actions workflows (.github/workflows)', () => {
  it('has the CI and the release workflow, and no other update bot than Renovate', () => {
    expect(files.sort()).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
    expect(readdirSync(join(workspaceRoot, '.github'))).not.toContain('dependabot.yml');
  });

  it('the schema itself refuses an action by tag, a step with both uses and run, an unknown key and a job without a time limit', () => {
    const base = load('ci.yml').workflow;
    const variant = (change: (w: Workflow) => void) => {
      const copy = structuredClone(base);
      change(copy);
      return validate(copy);
    };
    expect(variant(() => undefined)).toBe(true);
    expect(variant((w) => (w.jobs.test.steps[0].uses = 'actions/checkout@v4'))).toBe(false);
    expect(variant((w) => (w.jobs.test.steps[0].run = 'echo'))).toBe(false);
    expect(variant((w) => ((w.jobs.test as Record<string, unknown>)['runs_on'] = 'x'))).toBe(false);
    expect(variant((w) => delete (w.jobs.test as Record<string, unknown>)['timeout-minutes'])).toBe(false);
  });

  describe.each(files)('%s', (file) => {
    const { text, workflow } = load(file);

    it('parses as YAML without errors or duplicate keys', () => {
      const doc = parseDocument(text, { uniqueKeys: true });
      expect(doc.errors.map((e) => e.message)).toEqual([]);
    });

    it('matches the workflow schema (known keys only, every step one `uses` or `run`, every action pinned by commit SHA)', () => {
      validate(workflow);
      expect((validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
    });

    it('names the release of every pinned action in a comment (what Renovate and reviewers read)', () => {
      const uses = [...text.matchAll(/^\s*(?:- )?uses: (\S+)(.*)$/gm)];
      expect(uses.length).toBeGreaterThan(0);
      for (const [, ref, rest] of uses) expect({ ref, comment: rest.trim() }).toEqual({ ref, comment: expect.stringMatching(/^# v\d+(\.\d+)*/) });
    });

    it('refers only to jobs and step ids that exist', () => {
      const jobs = Object.keys(workflow.jobs);
      for (const [name, job] of Object.entries(workflow.jobs)) {
        for (const need of [job.needs ?? []].flat()) expect({ job: name, need, exists: jobs.includes(need) }).toEqual({ job: name, need, exists: true });
        const ids = job.steps.map((s) => s.id).filter(Boolean);
        for (const [, id] of JSON.stringify(job.steps).matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs/g)) expect({ job: name, id, exists: ids.includes(id) }).toEqual({ job: name, id, exists: true });
      }
    });

    it('grants only read access at the top and writes per job', () => {
      expect(workflow.permissions).toEqual({ contents: 'read' });
    });
  });

  describe('release.yml', () => {
    const { workflow } = load('release.yml');
    const images = workflow.jobs.images;
    const steps = images.steps;
    const usesOf = (prefix: string) => steps.find((s) => s.uses?.startsWith(prefix));
    const runs = steps.map((s) => s.run ?? '').join('\n');

    it('runs on version tags only', () => {
      expect(Object.keys(workflow.on)).toEqual(['push']);
      expect(workflow.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+*']);
    });

    it('builds the six images: every service the chart deploys, and the console', () => {
      const values = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
      const matrix: { image: string; dockerfile: string; service: string }[] = workflow.jobs.images.strategy.matrix.include;
      expect(matrix.map((m) => m.image).sort()).toEqual([...Object.keys(values.services), 'console'].sort());
      expect(matrix).toHaveLength(6);
      for (const entry of matrix) {
        expect(readdirSync(join(workspaceRoot, 'deploy', 'docker'))).toContain(entry.dockerfile.split('/').pop());
        expect(entry.service).toBe(entry.image === 'console' ? '' : entry.image);
      }
    });

    it('uses buildx on the runner engine (no builder image pulled) with base images pinned by digest', () => {
      expect(usesOf('docker/setup-buildx-action')?.['with' as keyof object]).toEqual({ driver: 'docker' });
      const build = usesOf('docker/build-push-action') as { with: Record<string, string> };
      expect(build.with['build-args']).toContain('${{ steps.base.outputs.build-args }}');
      expect(build.with.push).toBe(true);
      expect(runs).toMatch(/imagetools inspect/);
      // Every Dockerfile's base images are ARG …_IMAGE defaults, which the base-images step resolves.
      for (const file of ['service.Dockerfile', 'console.Dockerfile']) {
        const dockerfile = readFileSync(join(workspaceRoot, 'deploy', 'docker', file), 'utf8');
        const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
        const args = [...dockerfile.matchAll(/^ARG ([A-Z_]+_IMAGE)=\S+/gm)].map((m) => m[1]);
        const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)/gm)].map((m) => m[1]);
        for (const from of froms) expect(args.map((a) => `\${${a}}`).concat(stages)).toContain(from);
      }
    });

    it('generates an SBOM, scans it, signs and attests with cosign keyless, and keeps the SBOM', () => {
      expect(usesOf('anchore/sbom-action')).toBeDefined();
      expect((usesOf('anchore/scan-action') as { with: Record<string, unknown> }).with).toMatchObject({ 'fail-build': true });
      expect(usesOf('sigstore/cosign-installer')).toBeDefined();
      expect(runs).toMatch(/cosign sign --yes "\$IMAGE"/);
      expect(runs).toMatch(/cosign attest --yes --type cyclonedx/);
      expect(images.permissions).toEqual({ contents: 'read', packages: 'write', 'id-token': 'write' });
      expect(usesOf('actions/upload-artifact')).toBeDefined();
    });

    it('pushes to ghcr.io/<owner>/tsunagu-<image>, the names the chart defaults to', () => {
      expect(runs).toContain('repository=ghcr.io/${owner}/tsunagu-${{ matrix.image }}');
      const values = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
      expect(values.global.image).toMatchObject({ registry: 'ghcr.io', repositoryPrefix: 'tsunagu', namePrefix: 'tsunagu-' });
      // The chart job rewrites exactly this line for a fork's owner.
      expect(readFileSync(join(chartDir, 'values.yaml'), 'utf8')).toMatch(/^ {4}repositoryPrefix: tsunagu$/m);
    });

    it('pushes the chart as an OCI artifact and signs it, after the images', () => {
      const chart = workflow.jobs.chart;
      expect(chart.needs).toBe('images');
      const script = chart.steps.map((s) => s.run ?? '').join('\n');
      expect(script).toMatch(/helm package charts\/tsunagu --version "\$version" --app-version "\$version"/);
      expect(script).toMatch(/helm push \S+ "oci:\/\/ghcr\.io\/\$\{owner\}\/charts"/);
      expect(script).toMatch(/cosign sign --yes "ghcr\.io\/\$\{owner\}\/charts\/tsunagu@\$\{digest\}"/);
    });
  });

  describe('ci.yml', () => {
    const { workflow } = load('ci.yml');
    it('runs .ci/run, which also runs the suites on Node 24, within the 90-minute cap', () => {
      const job = workflow.jobs.test as unknown as { steps: { run?: string }[]; 'timeout-minutes': number };
      expect(job.steps.some((s) => s.run === '.ci/run')).toBe(true);
      expect(job['timeout-minutes']).toBeLessThanOrEqual(90);
      const ciRun = readFileSync(join(workspaceRoot, '.ci', 'run'), 'utf8');
      expect(ciRun).toMatch(/npx -y -p node@24 node/);
      expect(ciRun).toMatch(/jest\.js -c "\$config"/);
    });
  });
});

describe('Renovate (renovate.json)', () => {
  const config = JSON.parse(readFileSync(join(workspaceRoot, 'renovate.json'), 'utf8'));
  const groups = (config.packageRules as { groupName?: string }[]).map((r) => r.groupName).filter(Boolean);

  it('groups npm by family, docker digests and GitHub Actions', () => {
    expect(groups).toEqual(expect.arrayContaining(['nestjs', 'mikro-orm', 'opentelemetry', 'nats', 'react-admin and mui', 'docker base images', 'github actions']));
  });

  it('updates the Dockerfiles’ base image ARGs and pins them by digest', () => {
    const [manager] = config.customManagers;
    const pattern = new RegExp(manager.matchStrings[0]);
    for (const file of ['service.Dockerfile', 'console.Dockerfile']) {
      const dockerfile = readFileSync(join(workspaceRoot, 'deploy', 'docker', file), 'utf8');
      const args = dockerfile.split('\n').filter((l) => /^ARG [A-Z_]+_IMAGE=/.test(l));
      expect(args.length).toBeGreaterThan(0);
      for (const line of args) expect(line).toMatch(pattern);
    }
    expect(config.packageRules).toContainEqual(expect.objectContaining({ matchDatasources: ['docker'], pinDigests: true }));
  });
});
