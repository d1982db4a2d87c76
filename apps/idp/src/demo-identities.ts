import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS, OTHER_MUNICIPALITY, type DemoOrganization } from '@tsunagu/demo-data';
import type { Role } from '@tsunagu/platform-context';

/** Password of every demo user. Local use only. */
export const DEMO_PASSWORD = 'demo';

/** Scope of the Tsunagu API resource server; `records:own` narrows a token to own/assigned records. */
export const API_SCOPES = ['tsunagu', 'records:own'] as const;

export interface DemoUser {
  username: string;
  name: string;
  title: string;
  municipality: string;
  roles: Role[];
  agency?: string;
}

function deskCaseworker(username: string, name: string, job: string, desk: DemoOrganization): DemoUser {
  return { username, name, title: `${desk.name} ${job}`, municipality: DEMO_MUNICIPALITY.lgCode, roles: ['caseworker'], agency: desk.id };
}

/**
 * One staff user per role (ARCHITECTURE §6) in 高松市 — city staff carry no `agency` claim (their desk is the city's
 * つながる福祉相談窓口, CITY_DESK_ORGANIZATION_ID) — one caseworker per contracted desk type, and one user in 丸亀市
 * to show tenant isolation.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'admin', name: '高松 管理', title: 'システム管理者', municipality: DEMO_MUNICIPALITY.lgCode, roles: ['admin'] },
  { username: 'supervisor', name: '栗林 恵子', title: '地域共生社会推進課 係長', municipality: DEMO_MUNICIPALITY.lgCode, roles: ['supervisor'] },
  { username: 'caseworker', name: '屋島 健一', title: '相談支援員', municipality: DEMO_MUNICIPALITY.lgCode, roles: ['caseworker'] },
  { username: 'outreach', name: '香西 美咲', title: 'アウトリーチ支援員', municipality: DEMO_MUNICIPALITY.lgCode, roles: ['outreach-worker'] },
  { username: 'participation', name: '仏生山 大輔', title: '参加支援員', municipality: DEMO_MUNICIPALITY.lgCode, roles: ['participation-worker'] },
  { username: 'coordinator', name: '庵治 陽子', title: '生活支援コーディネーター', municipality: DEMO_MUNICIPALITY.lgCode, roles: ['coordinator'] },
  {
    username: 'agency',
    name: '牟礼 直樹',
    title: '地域包括支援センター 職員',
    municipality: DEMO_MUNICIPALITY.lgCode,
    roles: ['agency'],
    agency: DEMO_ORGANIZATIONS.communityCareCentre.id,
  },
  // Desk staff of contracted organisations (issue 13): caseworkers whose `agency` claim names their desk.
  deskCaseworker('houkatsu', '一宮 さくら', '社会福祉士', DEMO_ORGANIZATIONS.communityCareCentre),
  deskCaseworker('shougai', '多肥 翔', '相談支援専門員', DEMO_ORGANIZATIONS.disabilityConsultation),
  deskCaseworker('jiritsu', '川添 由紀', '相談支援員', DEMO_ORGANIZATIONS.selfRelianceSupport),
  deskCaseworker('kosodate', '木太 葵', '子ども家庭支援員', DEMO_ORGANIZATIONS.childFamilyCentre),
  deskCaseworker('shakyo', '三谷 修', 'まるごと福祉相談員', DEMO_ORGANIZATIONS.socialWelfareCouncil),
  { username: 'analyst', name: '檀紙 真理', title: '統計担当', municipality: DEMO_MUNICIPALITY.lgCode, roles: ['analyst'] },
  { username: 'auditor', name: '鬼無 誠', title: '監査担当', municipality: DEMO_MUNICIPALITY.lgCode, roles: ['auditor'] },
  { username: 'marugame', name: '丸亀 一郎', title: '丸亀市 相談支援員', municipality: OTHER_MUNICIPALITY.lgCode, roles: ['caseworker'] },
];

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
