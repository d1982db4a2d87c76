/**
 * One timeline of a person or a household: consultations, referrals, consents, cases, plans, meetings and
 * progress notes, merged newest first. Pure: records come in through a `getList` function (the
 * dataProvider's in the app, a fake in the tests).
 *
 * Extension point: another service's records (outreach contacts, participation matches) join the timeline
 * by adding a `TimelineSource` to `TIMELINE_EXTENSIONS` — a loader for the subject that returns entries.
 */

export type TimelineKind = 'consultation' | 'referral' | 'consent' | 'case' | 'plan' | 'meeting' | 'progress-note' | (string & {});

export interface TimelineEntry {
  /** Unique across kinds: `<resource>:<id>`. */
  key: string;
  kind: TimelineKind;
  /** The console resource the entry links to (`#/<resource>/<id>/show`). */
  resource: string;
  id: string;
  /** When it happened: an ISO date (`2025-05-12`, a day in Japan) or date-time. */
  at: string;
  /** Whether `at` is a day or a moment (shown with or without the time). */
  allDay: boolean;
  /** A code and its table, translated when shown (`tsunagu.codes.<table>.<code>`). */
  status?: { table: string; code: string };
  /** Codes to show as the entry's subject (category, meeting type, note kind…). */
  labels?: Array<{ table: string; code: string }>;
  /** Short plain text: a reception or case number, a plan version, the first words of a note. */
  text?: string;
}

type Row = Record<string, unknown> & { id: string | number };

/** The list call the loader needs (react-admin's `getList` with a filter, first page of up to 100). */
export type ListFn = (resource: string, filter: Record<string, unknown>) => Promise<Row[]>;

export type TimelineSubject = { personId: string } | { householdId: string; memberIds: readonly string[] };

/** A record id the API can be asked about: not empty, and not the text of a missing one (`String(undefined)`). */
export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value !== 'undefined' && value !== 'null';
}

/**
 * Whether the subject names real records. After a refusal react-admin hands its screens an empty placeholder record
 * (no id): its timeline must not ask for `personId=undefined`.
 */
export function isLoadableSubject(subject: TimelineSubject | undefined): subject is TimelineSubject {
  if (!subject) return false;
  return 'personId' in subject ? isRecordId(subject.personId) : isRecordId(subject.householdId);
}

export interface TimelineSource {
  kind: TimelineKind;
  load: (subject: TimelineSubject, list: ListFn) => Promise<TimelineEntry[]>;
}

/**
 * アウトリーチ: the contacts (訪問・接触記録) of the outreach targets that are this person — or a member of this
 * household — linking to the target's page. Only for roles that may read outreach (the caller checks).
 */
export const OUTREACH_CONTACTS: TimelineSource = {
  kind: 'outreach-contact',
  async load(subject, list) {
    const personIds = 'personId' in subject ? [subject.personId] : unique(subject.memberIds);
    const targets = await each(personIds, (personId) => list('outreach-targets', { personId }));
    const contacts = await each(unique(targets.map((target) => target.id)), (targetId) => list('outreach-contacts', { targetId }));
    return contacts
      .filter((contact) => str(contact.contactedAt) && str(contact.targetId))
      .map((contact) => ({
        key: `outreach-contacts:${String(contact.id)}`,
        kind: 'outreach-contact',
        resource: 'outreach-targets',
        id: String(contact.targetId),
        at: String(contact.contactedAt),
        allDay: false,
        status: code('contactResult', contact.result),
        labels: [code('contactMethod', contact.method)].filter((x) => x !== undefined),
      }));
  },
};

/**
 * 参加支援: the person's (or the household members') participation matches, placed at their latest milestone
 * (終了 / 定着 / 参加開始 / 見学 / 提案), linking to the match. Only for roles that may read matches (the caller checks).
 */
export const PARTICIPATION_MATCHES: TimelineSource = {
  kind: 'participation-match',
  async load(subject, list) {
    const personIds = 'personId' in subject ? [subject.personId] : unique(subject.memberIds);
    const matches = await each(personIds, (personId) => list('participation-matches', { personId }));
    return matches
      .map((match) =>
        entry('participation-match', 'participation-matches', match, str(match.endedOn) ?? str(match.settledOn) ?? str(match.startedOn) ?? str(match.visitOn) ?? str(match.proposedOn), {
          status: code('matchStatus', match.status),
          labels: [code('participationPurpose', match.purpose)].filter((x) => x !== undefined),
        }),
      )
      .filter((item): item is TimelineEntry => item !== undefined);
  },
};

/** Sources from other services, each shown only to the roles that may read it (see Timeline.tsx). */
export const TIMELINE_EXTENSIONS: TimelineSource[] = [];

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const code = (table: string, value: unknown) => (str(value) ? { table, code: String(value) } : undefined);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function entry(kind: TimelineKind, resource: string, record: Row, at: string | undefined, extra: Partial<TimelineEntry> = {}): TimelineEntry | undefined {
  if (!at) return undefined;
  const id = String(record.id);
  return { key: `${resource}:${id}`, kind, resource, id, at, allDay: DATE_ONLY.test(at), ...extra };
}

function clip(text: string | undefined, length = 80): string | undefined {
  if (!text) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** Record → entry, per kind. Records without a date are left out (nothing to place them by). */
export const TO_ENTRY = {
  consultation: (r: Row) =>
    entry('consultation', 'consultations', r, str(r.receivedAt), {
      status: code('consultationStatus', r.status),
      labels: [code('consultationCategory', r.primaryCategory)].filter((x) => x !== undefined),
      text: str(r.receptionNo),
    }),
  referral: (r: Row) => entry('referral', 'referrals', r, str(r.referredOn), { status: code('referralStatus', r.status), labels: [code('legalBasis', r.infoBasis)].filter((x) => x !== undefined) }),
  consent: (r: Row) =>
    entry('consent', 'consents', r, str(r.withdrawnAt) ?? str(r.obtainedAt), { status: code('consentStatus', r.status), labels: [code('consentScope', r.scope)].filter((x) => x !== undefined) }),
  /** A case has no opening date of its own in the API: it is placed at its last milestone, else at `openedAt` (its consultation or first plan). */
  case: (r: Row, openedAt?: string) => entry('case', 'cases', r, str(r.closedOn) ?? str(r.supportDecidedOn) ?? openedAt, { status: code('caseStatus', r.status), text: str(r.caseNo) }),
  plan: (r: Row) => entry('plan', 'plans', r, str(r.createdOn), { status: code('planStatus', r.status), text: typeof r.planVersion === 'number' ? `v${r.planVersion}` : undefined }),
  meeting: (r: Row) =>
    entry('meeting', 'meetings', r, str(r.heldAt), { status: code('meetingStatus', r.status), labels: [code('meetingLegalType', r.legalType)].filter((x) => x !== undefined), text: str(r.localName) }),
  'progress-note': (r: Row) =>
    entry('progress-note', 'progress-notes', r, str(r.occurredAt), { labels: [code('noteKind', r.kind), code('legalBasis', r.legalBasis)].filter((x) => x !== undefined), text: clip(str(r.text)) }),
} satisfies Record<string, (record: Row, openedAt?: string) => TimelineEntry | undefined>;

/** Milliseconds of an entry's time; a date alone counts as the start of that day in Japan. */
export function instantOf(at: string): number {
  const time = Date.parse(DATE_ONLY.test(at) ? `${at}T00:00:00+09:00` : at);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** Merges entry lists: one entry per record, newest first (ties: kind, then id, so the order is stable). */
export function mergeTimeline(...lists: ReadonlyArray<ReadonlyArray<TimelineEntry | undefined>>): TimelineEntry[] {
  const byKey = new Map<string, TimelineEntry>();
  for (const list of lists) for (const item of list) if (item && !byKey.has(item.key)) byKey.set(item.key, item);
  return [...byKey.values()].sort((a, b) => instantOf(b.at) - instantOf(a.at) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}

const unique = (values: Iterable<unknown>): string[] => [...new Set([...values].filter((value): value is string => typeof value === 'string' && value !== ''))];

async function each(ids: readonly string[], load: (id: string) => Promise<Row[]>): Promise<Row[]> {
  return (await Promise.all(ids.map(load))).flat();
}

/** Where a case starts on the timeline: the consultation it came from, else its first plan. */
export function caseOpenedAt(record: Row, consultations: readonly Row[], plans: readonly Row[]): string | undefined {
  const origin = consultations.find((c) => c.id === record.consultationId);
  if (origin && str(origin.receivedAt)) return str(origin.receivedAt);
  const dates = plans.filter((plan) => plan.caseId === record.id).map((plan) => str(plan.createdOn)).filter((d): d is string => d !== undefined);
  return dates.sort()[0];
}

/** What the timeline could not read (a role without access, a service down): shown, never silently dropped. */
export interface TimelineResult {
  entries: TimelineEntry[];
  failed: string[];
}

/**
 * Loads the subject's records from intake (and the extensions) and merges them. A person's cases are those of
 * their households; a household's referrals and consents are those of its consultations and members.
 */
export async function loadTimeline(subject: TimelineSubject, list: ListFn, extensions: readonly TimelineSource[] = TIMELINE_EXTENSIONS): Promise<TimelineResult> {
  const failed: string[] = [];
  const safe = (resource: string, filter: Record<string, unknown>) =>
    list(resource, filter).catch(() => {
      if (!failed.includes(resource)) failed.push(resource);
      return [] as Row[];
    });

  let consultations: Row[];
  let referrals: Row[];
  let consents: Row[];
  let householdIds: string[];
  if ('personId' in subject) {
    const households = safe('households', { personId: subject.personId });
    [consultations, referrals, consents] = await Promise.all([safe('consultations', { personId: subject.personId }), safe('referrals', { personId: subject.personId }), safe('consents', { personId: subject.personId })]);
    householdIds = unique((await households).map((household) => household.id));
  } else {
    consultations = await safe('consultations', { householdId: subject.householdId });
    [referrals, consents] = await Promise.all([
      each(unique(consultations.map((c) => c.id)), (consultationId) => safe('referrals', { consultationId })),
      each(unique(subject.memberIds), (personId) => safe('consents', { personId })),
    ]);
    householdIds = [subject.householdId];
  }
  const cases = await each(householdIds, (householdId) => safe('cases', { householdId }));
  const caseIds = unique(cases.map((c) => c.id));
  const [plans, meetings, caseNotes, consultationNotes, extra] = await Promise.all([
    each(caseIds, (caseId) => safe('plans', { caseId })),
    each(caseIds, (caseId) => safe('meetings', { caseId })),
    each(caseIds, (caseId) => safe('progress-notes', { caseId })),
    each(unique(consultations.map((c) => c.id)), (consultationId) => safe('progress-notes', { consultationId })),
    Promise.all(
      extensions.map((source) =>
        source.load(subject, list).catch(() => {
          failed.push(String(source.kind));
          return [];
        }),
      ),
    ),
  ]);
  const entries = mergeTimeline(
    consultations.map(TO_ENTRY.consultation),
    referrals.map(TO_ENTRY.referral),
    consents.map(TO_ENTRY.consent),
    cases.map((c) => TO_ENTRY.case(c, caseOpenedAt(c, consultations, plans))),
    plans.map(TO_ENTRY.plan),
    meetings.map(TO_ENTRY.meeting),
    [...caseNotes, ...consultationNotes].map(TO_ENTRY['progress-note']),
    ...extra,
  );
  return { entries, failed };
}
