/**
 * Settings the console reads at start-up from `/console-config.json` on its own origin, so one published
 * image can point at each city's IdP (the Helm chart mounts the file from a ConfigMap). No file (404) or no
 * answer: the build-time defaults (the local stack's edge serves the local idp's settings, deploy/local/edge.cjs).
 */
export const RUNTIME_CONFIG_PATH = '/console-config.json';

export interface RuntimeConfig {
  oidcAuthority: string;
  oidcClientId: string;
  oidcScope?: string;
  /** The registry id of the city's own desk (つながる福祉相談窓口): the desk of city staff, whose tokens name no agency. */
  cityDeskOrganizationId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shape check: unknown keys are ignored; a missing or non-string value makes the whole file invalid. */
export function parseRuntimeConfig(body: unknown): RuntimeConfig | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { oidcAuthority, oidcClientId, oidcScope, cityDeskOrganizationId } = body as Record<string, unknown>;
  if (typeof oidcAuthority !== 'string' || oidcAuthority === '') return undefined;
  if (typeof oidcClientId !== 'string' || oidcClientId === '') return undefined;
  if (oidcScope !== undefined && typeof oidcScope !== 'string') return undefined;
  if (cityDeskOrganizationId !== undefined && (typeof cityDeskOrganizationId !== 'string' || !UUID.test(cityDeskOrganizationId))) return undefined;
  return { oidcAuthority, oidcClientId, ...(oidcScope ? { oidcScope } : {}), ...(cityDeskOrganizationId ? { cityDeskOrganizationId } : {}) };
}

/** `undefined` = use the defaults. Never throws. */
export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig | undefined> {
  let response: Response;
  try {
    response = await fetchImpl(RUNTIME_CONFIG_PATH, { cache: 'no-store', headers: { Accept: 'application/json' } });
  } catch {
    return undefined;
  }
  if (!response.ok) {
    // Read the unused body: an unread response stays open in the browser (and keeps the page from going idle).
    await response.text().catch(() => undefined);
  }
  if (response.status === 404) return undefined;
  if (!response.ok) {
    console.error(`${RUNTIME_CONFIG_PATH} answered ${response.status}: using the built-in OIDC settings`);
    return undefined;
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    console.error(`${RUNTIME_CONFIG_PATH} is not JSON: using the built-in OIDC settings`);
    return undefined;
  }
  const config = parseRuntimeConfig(body);
  if (!config) {
    console.error(`${RUNTIME_CONFIG_PATH} needs string oidcAuthority and oidcClientId (and oidcScope, a uuid cityDeskOrganizationId, if set): using the built-in OIDC settings`);
  }
  return config;
}
