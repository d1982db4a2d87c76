import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS, DEMO_USERS, type DemoUser } from '@tsunagu/demo-data';
import type { Role } from '@tsunagu/platform-context';

/** Password of every demo user. Local use only. */
export const DEMO_PASSWORD = 'demo';

/** Scope of the Tsunagu API resource server; `records:own` narrows a token to own/assigned records. */
export const API_SCOPES = ['tsunagu', 'records:own'] as const;

export { DEMO_USERS, type DemoUser } from '@tsunagu/demo-data';

export interface DemoAgencyClient {
  clientId: string;
  secret: string;
  organization: string;
  agency: string;
  municipality: string;
}

/** Confidential clients for agency systems (client credentials). Secrets are for local use only. */
export const DEMO_AGENCY_CLIENTS: readonly DemoAgencyClient[] = [
  {
    clientId: 'agency-houkatsu',
    secret: 'houkatsu-local-secret',
    organization: DEMO_ORGANIZATIONS.communityCareCentre.name,
    agency: DEMO_ORGANIZATIONS.communityCareCentre.id,
    municipality: DEMO_MUNICIPALITY.lgCode,
  },
  {
    clientId: 'agency-shakyo',
    secret: 'shakyo-local-secret',
    organization: DEMO_ORGANIZATIONS.socialWelfareCouncil.name,
    agency: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
    municipality: DEMO_MUNICIPALITY.lgCode,
  },
  {
    clientId: 'agency-jiritsu',
    secret: 'jiritsu-local-secret',
    organization: DEMO_ORGANIZATIONS.selfRelianceSupport.name,
    agency: DEMO_ORGANIZATIONS.selfRelianceSupport.id,
    municipality: DEMO_MUNICIPALITY.lgCode,
  },
];

export const CONSOLE_CLIENT_ID = 'tsunagu-console';

export function findUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((user) => user.username === username);
}

export function findAgencyClient(clientId: string): DemoAgencyClient | undefined {
  return DEMO_AGENCY_CLIENTS.find((client) => client.clientId === clientId);
}

/** The Tsunagu claims (docs/security/tokens.md) of a user or agency client. */
export function tsunaguClaims(subject: DemoUser | DemoAgencyClient): { municipality: string; roles: Role[]; agency?: string } {
  if ('clientId' in subject) return { municipality: subject.municipality, roles: ['agency'], agency: subject.agency };
  return { municipality: subject.municipality, roles: subject.roles, ...(subject.agency ? { agency: subject.agency } : {}) };
}

/** The table printed at start-up and in the README. */
export function describeDemoIdentities(): string {
  const users = DEMO_USERS.map((user) => `  ${user.username.padEnd(14)} ${DEMO_PASSWORD.padEnd(6)} ${user.roles.join(',').padEnd(22)} ${user.municipality}  ${user.name}（${user.title}）`);
  const clients = DEMO_AGENCY_CLIENTS.map((client) => `  ${client.clientId.padEnd(16)} ${client.secret.padEnd(24)} ${client.organization}`);
  return [
    'Demo users (password for all: demo):',
    `  ${'username'.padEnd(14)} ${'pass'.padEnd(6)} ${'roles'.padEnd(22)} muni    name`,
    ...users,
    'Agency clients (client credentials, local only):',
    `  ${'client_id'.padEnd(16)} ${'client_secret'.padEnd(24)} organisation`,
    ...clients,
  ].join('\n');
}
