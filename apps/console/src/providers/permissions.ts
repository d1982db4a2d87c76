/**
 * Who may do what in the console — the same roles the services check (ARCHITECTURE §6,
 * apps/registry/src/shared/access.ts, the platform-audit auditor API). The console only hides what the
 * API would refuse anyway; the API stays the authority.
 */
export const ROLES = ['admin', 'supervisor', 'caseworker', 'outreach-worker', 'participation-worker', 'coordinator', 'agency', 'analyst', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export type Action = 'list' | 'show' | 'create' | 'edit' | 'delete' | 'export' | string;

interface ResourceRule {
  read: readonly Role[];
  write: readonly Role[];
  /** Actions with their own role list (e.g. lifecycle buttons), else read for list/show/export, write for the rest. */
  actions?: Readonly<Record<string, readonly Role[]>>;
}

const REGISTRY_READ: readonly Role[] = ['admin', 'supervisor', 'caseworker', 'outreach-worker', 'participation-worker', 'coordinator', 'agency', 'analyst'];
const REGISTRY_WRITE: readonly Role[] = ['admin', 'coordinator'];
const registry: ResourceRule = { read: REGISTRY_READ, write: REGISTRY_WRITE };

const STAFF: readonly Role[] = ['caseworker', 'supervisor', 'admin'];
/**
 * Every desk is a front door (issue 13, docs/security/access-model.md): desk staff and agency systems register persons,
 * households, consents and consultations, refer and record progress at their own desk; the API shows each only the
 * persons their organisation has a relationship with (else 404).
 */
const intake: ResourceRule = { read: [...STAFF, 'agency'], write: [...STAFF, 'agency'] };
const cityIntake: ResourceRule = { read: STAFF, write: STAFF };
/** The organisation referred to answers; a supervisor or admin may answer for it (the API checks which organisation). */
const REFERRAL_ANSWER: readonly Role[] = ['supervisor', 'admin', 'agency'];
const STAFF_AND_AGENCY: readonly Role[] = [...STAFF, 'agency'];
const SUPERVISION: readonly Role[] = ['supervisor', 'admin'];

/** アウトリーチ and 参加支援: the roles of apps/outreach/src/shared/roles.ts and apps/matching/src/shared/roles.ts. */
const OUTREACH: readonly Role[] = ['outreach-worker', 'supervisor', 'admin', 'caseworker', 'agency'];
const PARTICIPATION: readonly Role[] = ['participation-worker', 'caseworker', 'supervisor', 'admin'];
const MENU_MAKERS: readonly Role[] = ['participation-worker', 'coordinator', 'supervisor', 'admin'];
const PROGRAMME_PERMISSIONS: Readonly<Record<string, ResourceRule>> = {
  'outreach-targets': { read: OUTREACH, write: OUTREACH },
  'outreach-contacts': { read: OUTREACH, write: OUTREACH },
  'outreach-handovers': { read: OUTREACH, write: OUTREACH },
  'outreach-overdue-visits': { read: OUTREACH, write: [] },
  'outreach-alerts': { read: OUTREACH, write: [] },
  'participation-needs': { read: PARTICIPATION, write: PARTICIPATION },
  /** Host organisations' agency users see their matches from 見学 on; only staff propose and move them. */
  'participation-matches': { read: [...PARTICIPATION, 'agency'], write: PARTICIPATION },
  'participation-follow-ups': { read: [...PARTICIPATION, 'agency'], write: [...PARTICIPATION, 'agency'] },
  'participation-overdue': { read: [...PARTICIPATION, 'agency'], write: [] },
  'participation-hosts': { read: [...new Set([...PARTICIPATION, ...MENU_MAKERS])], write: MENU_MAKERS },
  'participation-opportunities': { read: [...new Set([...PARTICIPATION, ...MENU_MAKERS, 'agency' as const])], write: [...MENU_MAKERS, 'agency'] },
  'participation-gaps': { read: [...new Set([...PARTICIPATION, 'coordinator' as const, 'analyst' as const])], write: [] },
};

/** The audit trails (libs/platform/audit's AuditRecordsController, the same in every service): auditors and admins. */
const AUDIT_TRAIL: ResourceRule = { read: ['auditor', 'admin'], write: [] };

export const PERMISSIONS: Readonly<Record<string, ResourceRule>> = {
  persons: intake,
  /** 職員名簿 (intake `/staff`): every role reads the names behind the staff subjects of what it may see; no one edits it. */
  staff: { read: ROLES, write: [] },
  consultations: intake,
  referrals: {
    read: [...STAFF, 'agency'],
    write: [...STAFF, 'agency'],
    actions: { accept: REFERRAL_ANSWER, decline: REFERRAL_ANSWER, complete: REFERRAL_ANSWER, fail: REFERRAL_ANSWER },
  },
  households: intake,
  consents: intake,
  /** 多機関協働 cases: agencies read those their organisation has a part in; 支援決定 is the municipality's (supervisor/admin). */
  cases: { read: STAFF_AND_AGENCY, write: STAFF, actions: { 'decide-support': SUPERVISION } },
  plans: cityIntake,
  evaluations: cityIntake,
  /** Agencies read and add notes to cases their organisation has a role in (the API narrows by legal basis). */
  'progress-notes': { read: STAFF_AND_AGENCY, write: STAFF_AND_AGENCY },
  /** Agencies see meetings they convene or attend; a listed attendee acknowledges confidentiality for themself. */
  meetings: { read: STAFF_AND_AGENCY, write: STAFF, actions: { 'acknowledge-confidentiality': STAFF_AND_AGENCY } },
  'mandatory-reports': cityIntake,
  /** 開示・訂正・利用停止請求 and 廃棄承認 / リーガルホールド (issue 19): the city's supervisors and admins (the API refuses a desk's). */
  'data-subject-requests': { read: SUPERVISION, write: SUPERVISION },
  'destruction-batches': { read: ['supervisor', 'auditor', 'admin'], write: [], actions: { approve: ['supervisor'], reject: ['supervisor'] } },
  'legal-holds': { read: ['supervisor', 'auditor', 'admin'], write: SUPERVISION, actions: { release: SUPERVISION } },
  'outreach-destruction-batches': { read: ['supervisor', 'auditor', 'admin'], write: [], actions: { approve: ['supervisor'], reject: ['supervisor'] } },
  /** 緊急時アクセス to review: supervisors (a desk's see their desk's) and auditors; the grant itself is on the person's 404 page. */
  'emergency-accesses': { read: ['supervisor', 'auditor', 'admin'], write: [], actions: { review: ['supervisor', 'auditor'] } },
  /** The caseworker's to-do page (my cases, overdue follow-ups, referrals awaiting an answer). */
  /** 私の業務: the intake to-do cards for desk staff, the outreach and participation cards for their workers. */
  work: { read: [...STAFF, 'outreach-worker', 'participation-worker'], write: [] },
  /** The reporting dashboard and its CSV downloads (aggregates only). */
  reports: { read: ['analyst', 'supervisor', 'admin'], write: [] },
  /** ロジックモデル and 事業費: analysts read; supervisors and admins edit (the screen and the API leave a contracted desk's out). */
  'logic-model': { read: ['analyst', 'supervisor', 'admin'], write: ['supervisor', 'admin'] },
  'logic-model-items': { read: ['analyst', 'supervisor', 'admin'], write: ['supervisor', 'admin'] },
  /** データ取込 (apps/intake/src/import): supervisors and admins (a desk's for its own desk). */
  imports: { read: SUPERVISION, write: SUPERVISION },
  districts: registry,
  organizations: registry,
  'community-resources': {
    ...registry,
    actions: { publish: REGISTRY_WRITE, suspend: REGISTRY_WRITE, resume: REGISTRY_WRITE, retire: REGISTRY_WRITE, verify: REGISTRY_WRITE },
  },
  coordinators: registry,
  councils: registry,
  'council-meetings': registry,
  'audit-records': AUDIT_TRAIL,
  'intake-audit-records': AUDIT_TRAIL,
  'outreach-audit-records': AUDIT_TRAIL,
  'matching-audit-records': AUDIT_TRAIL,
  ...PROGRAMME_PERMISSIONS,
};

export function isKnownResource(resource: string): boolean {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, resource);
}

const READ_ACTIONS = new Set(['list', 'show', 'export', 'access']);

/** The roles that allow `action` on `resource` (empty: nobody; records are never deleted). */
export function requiredRoles(resource: string, action: Action): readonly Role[] {
  const rule = PERMISSIONS[resource.split('.')[0]];
  if (!rule) return [];
  if (action === 'delete') return [];
  const specific = rule.actions?.[action];
  if (specific) return specific;
  return READ_ACTIONS.has(action) ? rule.read : rule.write;
}

/**
 * 「閲覧・操作の記録」 of one person (who saw this person): the audit API gives auditors and admins the whole trail and city
 * supervisors (no `agency` claim) the trail of one person; a contracted desk's supervisor is refused it.
 */
export function mayReadSubjectTrail(claims: Pick<TokenClaims, 'roles' | 'agency'> | undefined): boolean {
  if (!claims) return false;
  if (canAccess(claims.roles, 'intake-audit-records', 'list')) return true;
  return claims.roles.includes('supervisor') && !claims.agency;
}

/** react-admin's `canAccess` decision for a user's roles. */
export function canAccess(roles: readonly string[], resource: string, action: Action): boolean {
  const allowed = requiredRoles(resource, action);
  return roles.some((role) => (allowed as readonly string[]).includes(role));
}

/**
 * The roles the console decides with: a desk user (a token with `agency`) acts for their organisation as an agency system
 * does — answers referrals addressed to it, reads its cases — on top of their staff role; the API checks the organisation.
 */
export function consoleRolesOf(claims: Pick<TokenClaims, 'roles' | 'agency'> | undefined): string[] {
  if (!claims) return [];
  return claims.agency && !claims.roles.includes('agency') ? [...claims.roles, 'agency'] : claims.roles;
}

/** The claims the console reads from the access token (docs/security/tokens.md). */
export interface TokenClaims {
  sub: string;
  roles: string[];
  municipality?: string;
  agency?: string;
  name?: string;
  preferred_username?: string;
  exp?: number;
}

/** Decodes a JWT payload (no verification: the API verifies; the console only adapts its screens). */
export function decodeClaims(token: string | undefined): TokenClaims | undefined {
  if (!token) return undefined;
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : typeof claims.roles === 'string' ? claims.roles.split(/[ ,]+/).filter(Boolean) : [];
    return { ...(claims as Omit<TokenClaims, 'roles'>), sub: String(claims.sub ?? ''), roles };
  } catch {
    return undefined;
  }
}

/** The last access refusal, for the explanation page (memory only). */
export interface Denial {
  resource?: string;
  action?: string;
  required: readonly string[];
  roles: readonly string[];
  /** The service's problem+json (explained in our own words on the page, never shown raw). */
  problem?: Record<string, unknown>;
}

let lastDenial: Denial | undefined;
export function recordDenial(denial: Denial): void {
  lastDenial = denial;
}
export function takeDenial(): Denial | undefined {
  return lastDenial;
}
