import { ConfigValidationError, loadConfig } from './load-config';
import { defineVariables, platformVariables } from './variables';

describe('loadConfig', () => {
  const specs = defineVariables({
    PORT: { description: 'port', type: 'int', default: '3000', min: 1 },
    MODE: { description: 'mode', type: 'enum', choices: ['a', 'b'] as const, default: 'a' },
    SECRET_URL: { description: 'db', type: 'url', required: true, sensitive: true },
    FLAG: { description: 'flag', type: 'bool', default: 'false' },
  });

  it('returns typed values with defaults applied', () => {
    const config = loadConfig(specs, { SECRET_URL: 'postgres://x@y/z', FLAG: 'true' });
    expect(config).toEqual({ PORT: 3000, MODE: 'a', SECRET_URL: 'postgres://x@y/z', FLAG: true });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once and never prints secrets', () => {
    let error: ConfigValidationError | undefined;
    try {
      loadConfig(specs, { PORT: '0', MODE: 'c', SECRET_URL: 'not a url with password hunter2', FLAG: 'maybe' });
    } catch (e) {
      error = e as ConfigValidationError;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error?.problems).toHaveLength(4);
    expect(error?.message).not.toContain('hunter2');
    expect(error?.message).toContain('PORT must be >= 1');
  });

  it('requires the platform variables that have no default', () => {
    expect(() => loadConfig(platformVariables, {})).toThrow(/DATABASE_URL is required[\s\S]*NATS_URL is required[\s\S]*OIDC_ISSUER is required/);
  });
});
