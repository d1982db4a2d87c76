import type { ConfigValues, VariableSpec, VariableSpecs } from './variables';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }

  /** Names variables and rules; sensitive values are already shown as `***`. */
  get safeMessage(): string {
    return this.message;
  }
}

function parse(name: string, spec: VariableSpec, raw: string): { value?: unknown; problem?: string } {
  const shown = spec.sensitive ? '***' : JSON.stringify(raw);
  switch (spec.type) {
    case 'int': {
      if (!/^-?\d+$/.test(raw)) return { problem: `${name} must be an integer, got ${shown}` };
      const value = Number(raw);
      if (spec.min !== undefined && value < spec.min) return { problem: `${name} must be >= ${spec.min}` };
      if (spec.max !== undefined && value > spec.max) return { problem: `${name} must be <= ${spec.max}` };
      return { value };
    }
    case 'bool':
      if (['true', '1', 'yes'].includes(raw.toLowerCase())) return { value: true };
      if (['false', '0', 'no'].includes(raw.toLowerCase())) return { value: false };
      return { problem: `${name} must be true or false, got ${shown}` };
    case 'enum':
      if (!spec.choices?.includes(raw)) return { problem: `${name} must be one of ${spec.choices?.join(', ')}, got ${shown}` };
      return { value: raw };
    case 'url':
      try {
        new URL(raw);
        return { value: raw };
      } catch {
        return { problem: `${name} must be a URL, got ${shown}` };
      }
    default:
      return { value: raw };
  }
}

/**
 * Reads and validates every variable of `specs` from `env` at once, so an operator sees all
 * problems in one message instead of fixing them one boot at a time.
 */
export function loadConfig<const T extends VariableSpecs>(
  specs: T,
  env: Record<string, string | undefined> = process.env,
): ConfigValues<T> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const raw = env[name] === '' ? undefined : (env[name] ?? spec.default);
    if (raw === undefined) {
      if (spec.required) problems.push(`${name} is required: ${spec.description}`);
      values[name] = undefined;
      continue;
    }
    const { value, problem } = parse(name, spec, raw);
    if (problem) problems.push(problem);
    else values[name] = value;
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return Object.freeze(values) as ConfigValues<T>;
}

/** Markdown table of variables, the single documented list (docs/configuration.md is generated from it). */
export function describeVariables(specs: VariableSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const kind = spec.type === 'enum' ? spec.choices?.map((c) => `\`${c}\``).join(' \\| ') : spec.type;
    const fallback = spec.default !== undefined ? `\`${spec.default}\`` : spec.required ? '**required**' : '—';
    const note = [spec.description, spec.example ? `e.g. \`${spec.example}\`` : '', spec.sensitive ? '(secret)' : '']
      .filter(Boolean)
      .join(' ');
    return `| \`${name}\` | ${kind} | ${fallback} | ${note} |`;
  });
  return ['| Variable | Type | Default | Description |', '|---|---|---|---|', ...rows].join('\n');
}
