/**
 * Where each console resource lives in the API (`/api/<service>/<collection>`), and what the server
 * accepts. One table, so the dataProvider stays generic.
 */
export interface ResourceRoute {
  /** Path under the API root, e.g. `registry/districts`. */
  path: string;
  /** Sort fields the list endpoint accepts; other sorts fall back to the server's default order. */
  sortable: readonly string[];
  /**
   * Nested collections: the parent id comes from this filter / record field
   * (e.g. council meetings live under `registry/councils/{councilId}/meetings`).
   */
  parent?: { field: string; path: (parentId: string) => string };
  /** Few enough rows (≤ 100) that `getMany` reads the whole list in one request. */
  smallTable?: boolean;
  /**
   * The list filter that takes a page of ids (`?ids=a,b`, at most 100): `getMany` reads them in one request per 100
   * instead of one GET per id. Ids the caller may not see are simply not in the answer.
   */
  idsFilter?: string;
  /**
   * A search more than a register: listed without a count (`count=false`), so the list pages with next/previous and
   * shows the total only on the last page. A desk looking for one person needs no count, which costs what the page does.
   */
  uncounted?: boolean;
  /** Read-only collections have no create/update. */
  readOnly?: boolean;
  /** Fields the server otherwise owns that this collection's create command takes (a consent is recorded with its status). */
  createFields?: readonly string[];
  /** Likewise for an edit's PATCH (a host menu's status is changed from its edit form). */
  updateFields?: readonly string[];
}

/** アウトリーチ (apps/outreach) and 参加支援 (apps/matching): targets, contacts, alerts, needs, matches, follow-ups, hosts, menus. */
const PROGRAMME_ROUTES: Record<string, ResourceRoute> = {
  'outreach-targets': { path: 'outreach/targets', sortable: ['discoveredOn', 'riskLevel', 'stage', 'createdAt', 'lastContactAt'] },
  'outreach-contacts': {
    path: 'outreach/targets',
    sortable: ['contactedAt'],
    parent: { field: 'targetId', path: (targetId) => `outreach/targets/${encodeURIComponent(targetId)}/contacts` },
  },
  'outreach-handovers': {
    path: 'outreach/targets',
    sortable: [],
    readOnly: true,
    parent: { field: 'targetId', path: (targetId) => `outreach/targets/${encodeURIComponent(targetId)}/hand-overs` },
  },
  'outreach-alerts': { path: 'outreach/inactivity-alerts', sortable: ['raisedAt'], readOnly: true },
  'participation-needs': { path: 'matching/needs', sortable: ['registeredOn', 'status', 'createdAt'] },
  'participation-matches': { path: 'matching/matches', sortable: ['proposedOn', 'status', 'nextFollowUpDue'] },
  'participation-follow-ups': {
    path: 'matching/matches',
    sortable: ['heldOn'],
    parent: { field: 'matchId', path: (matchId) => `matching/matches/${encodeURIComponent(matchId)}/follow-ups` },
  },
  'participation-overdue': { path: 'matching/follow-ups/overdue', sortable: [], readOnly: true },
  'participation-hosts': { path: 'matching/hosts', sortable: ['name', 'registeredOn'] },
  'participation-opportunities': { path: 'matching/opportunities', sortable: ['title', 'status'], createFields: ['status'], updateFields: ['status'] },
};

export const RESOURCE_ROUTES: Record<string, ResourceRoute> = {
  districts: { path: 'registry/districts', sortable: ['sortOrder', 'kana', 'shortName'], smallTable: true },
  organizations: { path: 'registry/organizations', sortable: ['kana', 'name', 'type', 'updatedAt', 'createdAt'] },
  'community-resources': { path: 'registry/community-resources', sortable: ['kana', 'name', 'status', 'category', 'updatedAt', 'createdAt', 'lastVerifiedOn'] },
  coordinators: { path: 'registry/coordinators', sortable: ['assignedFrom', 'staffDisplayName', 'layer', 'createdAt'] },
  councils: { path: 'registry/councils', sortable: ['name', 'layer', 'establishedOn', 'createdAt'] },
  'council-meetings': {
    path: 'registry/councils',
    sortable: ['heldOn', 'createdAt'],
    parent: { field: 'councilId', path: (councilId) => `registry/councils/${encodeURIComponent(councilId)}/meetings` },
  },
  'audit-records': { path: 'registry/audit-records', sortable: ['seq', 'occurredAt'], readOnly: true },
  // ロジックモデル (the logic-model screen creates and edits its items through these).
  'logic-model-items': { path: 'reporting/logic-model-items', sortable: [] },
  // Each service keeps its own trail; the person page's 「閲覧・操作の記録」 reads these by subjectId.
  'intake-audit-records': { path: 'intake/audit-records', sortable: ['seq', 'occurredAt'], readOnly: true },
  'outreach-audit-records': { path: 'outreach/audit-records', sortable: ['seq', 'occurredAt'], readOnly: true },
  'matching-audit-records': { path: 'matching/audit-records', sortable: ['seq', 'occurredAt'], readOnly: true },
  persons: { path: 'intake/persons', sortable: ['familyNameKana', 'birthDate', 'createdAt', 'updatedAt'], idsFilter: 'ids', uncounted: true },
  // 職員名簿: login subjects on records → display names (entered at each staff member's sign-in, POST intake/staff/me).
  staff: { path: 'intake/staff', sortable: ['displayName', 'lastSignedInAt'], idsFilter: 'subjects', readOnly: true },
  consultations: { path: 'intake/consultations', sortable: ['receivedAt', 'receptionNo', 'urgency', 'status', 'createdAt', 'updatedAt'] },
  referrals: { path: 'intake/referrals', sortable: ['referredOn', 'followUpDue', 'status', 'createdAt', 'updatedAt'] },
  households: { path: 'intake/households', sortable: ['label', 'createdAt', 'updatedAt'] },
  consents: { path: 'intake/consents', sortable: ['obtainedAt', 'createdAt', 'status', 'scope'], createFields: ['status'] },
  cases: { path: 'intake/cases', sortable: ['caseNo', 'status', 'createdAt', 'updatedAt'] },
  plans: { path: 'intake/plans', sortable: ['planVersion', 'createdAt', 'status'] },
  evaluations: {
    path: 'intake/plans',
    sortable: [],
    parent: { field: 'planId', path: (planId) => `intake/plans/${encodeURIComponent(planId)}/evaluations` },
  },
  'progress-notes': { path: 'intake/progress-notes', sortable: ['occurredAt', 'createdAt'] },
  meetings: { path: 'intake/meetings', sortable: ['heldAt', 'createdAt', 'status'] },
  'mandatory-reports': { path: 'intake/mandatory-reports', sortable: ['createdAt', 'status'] },
  'emergency-accesses': { path: 'intake/emergency-accesses', sortable: ['grantedAt'], readOnly: true },
  'data-subject-requests': { path: 'intake/data-subject-requests', sortable: ['requestedAt', 'dueOn', 'requestNo', 'createdAt'] },
  'destruction-batches': { path: 'intake/destruction-batches', sortable: [], readOnly: true },
  'legal-holds': { path: 'intake/legal-holds', sortable: ['placedAt'] },
  /** Outreach's own batches of targets (no intake person): the same screen and actions, another service. */
  'outreach-destruction-batches': { path: 'outreach/destruction-batches', sortable: [], readOnly: true },
  ...PROGRAMME_ROUTES,
};

/** Referral answers of the receiving organisation (POST …/referrals/{id}/{action}). */
export const REFERRAL_ACTIONS = ['accept', 'decline', 'complete', 'fail'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/** Consultation lifecycle (POST …/consultations/{id}/{action}); the API lists what a record allows in `allowedActions`. */
export const CONSULTATION_ACTIONS = ['start-screening', 'triage', 'close', 'cancel'] as const;

/** Case transitions of the 多機関協働 case (POST …/cases/{id}/{action}). */
export const CASE_ACTIONS = ['record-consent', 'start-assessment', 'start-planning', 'decide-support', 'start-support', 'start-evaluation', 'suspend', 'resume', 'close', 'assign-lead', 'release-coordinator'] as const;

/** Plan transitions (下書き → 会議提出 → 承認). */
export const PLAN_ACTIONS = ['submit', 'approve'] as const;

/** Meeting transitions and the confidentiality acknowledgement (守秘義務の確認). */
export const MEETING_ACTIONS = ['acknowledge-confidentiality', 'hold', 'finalise', 'cancel'] as const;

/** Any state-changing POST …/{id}/{action} the console offers. */
export type RecordAction =
  | ReferralAction
  | ResourceLifecycleAction
  | (typeof CONSULTATION_ACTIONS)[number]
  | (typeof CASE_ACTIONS)[number]
  | (typeof PLAN_ACTIONS)[number]
  | (typeof MEETING_ACTIONS)[number]
  | 'withdraw'
  | 'decide'
  | 'extend'
  | 'complete'
  | 'lift'
  | 'approve'
  | 'reject'
  | 'release'
  | 'stage'
  | 'close'
  | 'hand-over'
  | 'transition'
  | 'review'
  | 'status';

/** Lifecycle actions of community resources (POST …/{id}/{action}). */
export const RESOURCE_LIFECYCLE_ACTIONS = ['publish', 'suspend', 'resume', 'retire', 'verify'] as const;
export type ResourceLifecycleAction = (typeof RESOURCE_LIFECYCLE_ACTIONS)[number];

/** Which lifecycle actions a status allows (mirrors the registry's state machine). */
export const LIFECYCLE_FROM: Record<ResourceLifecycleAction, readonly string[]> = {
  publish: ['preparing'],
  suspend: ['active'],
  resume: ['suspended'],
  retire: ['preparing', 'active', 'suspended'],
  verify: ['preparing', 'active', 'suspended'],
};
