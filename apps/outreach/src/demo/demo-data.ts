import type { EntityManager } from '@mikro-orm/core';
import {
  isSuccessfulContact,
  OutreachContactLogged,
  OutreachTargetRegistered,
  type ContactMethod,
  type ContactResult,
  type DiscoveryRoute,
  type IssueTag,
  type ObservationCode,
  type OutreachStage,
  type RiskLevel,
  type WatcherKind,
} from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { PersonPseudonyms } from '@tsunagu/util-pseudonym';
import { v5 as uuidv5 } from 'uuid';
import { addDays, dateInJapan, startOfJapanDay } from '@tsunagu/util-japanese-calendar';
import { OutreachContact } from '../contacts/outreach-contact.entity';
import { targetRef } from '../shared/target-ref';
import { stagesAfterContact } from '../targets/outreach-stage';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { TargetStages } from '../targets/target-stages';
import { WatchPlan } from '../watch/watch-plan.entity';
import { nextDueOf, staffSubjectsOf } from '../watch/watch-plan.sync';

/*
 * Clearly fictional outreach targets in Takamatsu districts, one on the island of 女木 and one on 男木. Ids are fixed so
 * a second run finds them and does nothing. Dates are relative to the day the data is loaded, so the demo always
 * shows a recent contact log, one overdue watch visit and one high-risk target about to raise an inactivity alert.
 */
const NAMESPACE = '8a2f6c1d-4b3e-5f70-9c8d-1e2f3a4b5c6d';
const demoId = (...parts: string[]) => uuidv5(parts.join(':'), NAMESPACE);
// The registry's demo districts and intake's demo people use these namespaces and keys
// (apps/registry/src/demo/demo-data.ts, apps/intake/src/demo/demo-data.ts), so ids match without importing them.
const REGISTRY_DEMO_NAMESPACE = '3d9b7f0c-2a1e-5c4d-8b6a-9f8e7d6c5b4a';
const INTAKE_DEMO_NAMESPACE = '6f1c2b9e-8d4a-5e3f-9a1b-2c3d4e5f6a7b';
const districtId = (shortName: string) => uuidv5(`${DEMO_MUNICIPALITY.lgCode}:district:${shortName}`, REGISTRY_DEMO_NAMESPACE);
const intakeId = (...parts: string[]) => uuidv5(parts.join(':'), INTAKE_DEMO_NAMESPACE);

const ORG = DEMO_ORGANIZATIONS;
/** The demo outreach worker (apps/idp demo user `outreach`). */
const STAFF = 'outreach';

interface DemoContact {
  daysAgo: number;
  method: ContactMethod;
  result: ContactResult;
  observations?: ObservationCode[];
  note?: string;
  with?: { kind: WatcherKind; name: string };
  nextAction?: string;
}

interface DemoTarget {
  key: string;
  district: string;
  person?: { household: string; member: string };
  location?: string;
  route: DiscoveryRoute;
  discoveredDaysAgo: number;
  reasonTags: IssueTag[];
  riskLevel: RiskLevel;
  organizationId: string;
  /** Stages reached after the contacts' automatic moves, in order. */
  stages: OutreachStage[];
  contacts: DemoContact[];
  watch?: { cadenceDays: number; startedDaysAgo: number; watchers: { kind: WatcherKind; subject?: string; name?: string }[] };
}

const TARGETS: DemoTarget[] = [
  {
    key: 'megi-house',
    district: '女木',
    location: '女木町の港から坂を上った家。70代くらいの男性が一人暮らし、フェリーで本土に出る姿を最近見ない。',
    route: 'welfare-commissioner',
    discoveredDaysAgo: 40,
    reasonTags: ['isolation', 'no-relatives'],
    riskLevel: 'high',
    organizationId: ORG.socialWelfareCouncil.id,
    stages: [],
    contacts: [
      { daysAgo: 38, method: 'visit', result: 'absent', observations: ['mail-piling-up'], note: '郵便受けに新聞が3日分', with: { kind: 'welfare-commissioner', name: '女木 太郎（民生委員）' }, nextAction: '次の便で再訪問' },
      { daysAgo: 24, method: 'letter-note', result: 'no-response', observations: ['nothing-notable'], nextAction: '民生委員と再訪問' },
    ],
    watch: { cadenceDays: 14, startedDaysAgo: 38, watchers: [{ kind: 'staff', subject: STAFF }, { kind: 'welfare-commissioner', name: '女木 太郎' }] },
  },
  {
    key: 'ogi-household',
    district: '男木',
    route: 'lifeline-business',
    location: '男木島の集落。水道使用量が急に減ったと事業者から連絡（見守り協定）。',
    discoveredDaysAgo: 20,
    reasonTags: ['isolation'],
    riskLevel: 'medium',
    organizationId: ORG.socialWelfareCouncil.id,
    stages: [],
    contacts: [{ daysAgo: 15, method: 'visit', result: 'brief-talk', observations: ['health-concern'], note: '玄関先で少し話せた。足が悪い様子。', nextAction: '2週間後に再訪問' }],
    watch: { cadenceDays: 14, startedDaysAgo: 15, watchers: [{ kind: 'staff', subject: STAFF }, { kind: 'volunteer', name: '男木 花子' }] },
  },
  {
    key: 'bussyozan-son',
    district: '仏生山',
    person: { household: '8050', member: 'son' },
    route: 'support-meeting',
    discoveredDaysAgo: 120,
    reasonTags: ['8050', 'hikikomori'],
    riskLevel: 'high',
    organizationId: ORG.communityCareCentre.id,
    stages: ['building-relationship'],
    contacts: [
      { daysAgo: 110, method: 'visit', result: 'refused', note: '母親経由で声かけ。本人は部屋から出てこない。', with: { kind: 'staff', name: '地域包括支援センター' } },
      { daysAgo: 80, method: 'letter-note', result: 'no-response' },
      { daysAgo: 45, method: 'visit', result: 'brief-talk', note: 'ドア越しに短く会話できた。' },
      { daysAgo: 10, method: 'visit', result: 'met', note: '居間で30分話せた。ゲームの話題。', nextAction: '次回は外出の提案' },
    ],
    watch: { cadenceDays: 21, startedDaysAgo: 45, watchers: [{ kind: 'staff', subject: STAFF }] },
  },
  {
    key: 'tsuruo-apartment',
    district: '鶴尾',
    location: '西ハゼ町のアパート2階。50代男性、ごみが廊下まで出ていると近隣住民から。',
    route: 'resident',
    discoveredDaysAgo: 29,
    reasonTags: ['hoarding-self-neglect'],
    riskLevel: 'high',
    organizationId: ORG.selfRelianceSupport.id,
    stages: [],
    contacts: [],
  },
  {
    key: 'yashima-connected',
    district: '屋島',
    person: { household: 'isolated', member: 'self' },
    route: 'welfare-network-meeting',
    discoveredDaysAgo: 200,
    reasonTags: ['isolation', 'dementia'],
    riskLevel: 'medium',
    organizationId: ORG.communityCareCentre.id,
    stages: ['building-relationship', 'connected'],
    contacts: [
      { daysAgo: 190, method: 'visit', result: 'met', observations: ['rubbish-accumulation'], note: '庭にごみ。本人は穏やか。' },
      { daysAgo: 60, method: 'accompanied', result: 'met', note: '地域包括支援センターへ同行。', with: { kind: 'welfare-commissioner', name: '屋島 次郎（民生委員）' } },
    ],
  },
];

/** Loads the demo targets once (system work for 高松市); false when they are already there. */
export async function loadDemoData(em: EntityManager): Promise<boolean> {
  if (await em.findOne(OutreachTarget, { id: demoId('target', TARGETS[0].key) })) return false;
  const events = new EventRecorder(PersonPseudonyms.fromEnv());
  const now = new Date();
  await em.transactional(async (tx) => {
    for (const demo of TARGETS) await loadTarget(tx, events, demo, now);
  });
  return true;
}

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000);

async function loadTarget(em: EntityManager, events: EventRecorder, demo: DemoTarget, now: Date): Promise<void> {
  const stages = new TargetStages(events);
  const target = new OutreachTarget();
  target.id = demoId('target', demo.key);
  target.identity = demo.person ? 'person' : 'location-only';
  target.personId = demo.person ? intakeId('person', demo.person.household, demo.person.member) : null;
  target.householdId = demo.person ? intakeId('household', demo.person.household) : null;
  target.locationDescription = demo.location ?? null;
  target.discoveryRoute = demo.route;
  target.discoveredOn = dateInJapan(daysAgo(now, demo.discoveredDaysAgo));
  target.lapseOriginAt = startOfJapanDay(target.discoveredOn);
  target.reasonTags = demo.reasonTags;
  target.riskLevel = demo.riskLevel;
  target.districtId = districtId(demo.district);
  target.assignedOrganizationId = demo.organizationId;
  target.assignedStaff = [STAFF];
  target.stageChangedAt = daysAgo(now, demo.discoveredDaysAgo);
  em.persist(target);
  await em.flush();
  const registeredAt = daysAgo(now, demo.discoveredDaysAgo);
  events.record(em, OutreachTargetRegistered, target.id, {
    ...targetRef(target, registeredAt),
    identity: target.identity,
    personId: target.personId,
    householdId: target.householdId,
    discoveryRoute: target.discoveryRoute,
    reasonTags: [...target.reasonTags],
    stage: target.stage,
    meetingIds: [],
  });

  for (const [index, demoContact] of demo.contacts.entries()) {
    const at = daysAgo(now, demoContact.daysAgo);
    const successful = isSuccessfulContact(demoContact.result);
    const contact = new OutreachContact();
    contact.id = demoId('contact', demo.key, String(index));
    contact.targetId = target.id;
    contact.contactedAt = at;
    contact.method = demoContact.method;
    contact.result = demoContact.result;
    contact.observations = demoContact.observations ?? [];
    contact.observationNote = demoContact.note ?? null;
    contact.accompaniedBy = demoContact.with ? [demoContact.with] : [];
    contact.nextAction = demoContact.nextAction ?? null;
    contact.nextDueOn = demoContact.nextAction ? addDays(dateInJapan(at), 14) : null;
    contact.legalBasis = target.personId ? 'own-duty' : 'support-meeting-106-6';
    contact.recordedBy = STAFF;
    em.persist(contact);
    target.lastContactAt = at;
    if (successful) target.lastSuccessfulContactAt = at;
    await em.flush();
    // The stage moves a logged contact makes (未接触 → 接触試行中 → 接触できた), as LogContactUseCase does.
    for (const to of stagesAfterContact(target.stage, successful)) await stages.move(em, target, to, at);
    await em.flush();
    events.record(em, OutreachContactLogged, contact.id, {
      ...targetRef(target, at),
      contactId: contact.id,
      method: contact.method,
      result: contact.result,
      successful,
      observations: [...contact.observations],
      legalBasis: contact.legalBasis,
      stage: target.stage,
    });
  }
  const lastAt = target.lastContactAt ?? now;
  for (const to of demo.stages) await stages.move(em, target, to, lastAt);

  if (demo.watch) {
    const plan = new WatchPlan();
    plan.id = demoId('watch-plan', demo.key);
    plan.targetId = target.id;
    plan.cadenceDays = demo.watch.cadenceDays;
    plan.watchers = demo.watch.watchers.map((watcher) => ({ kind: watcher.kind, subject: watcher.subject ?? null, name: watcher.name ?? null }));
    plan.startedOn = dateInJapan(daysAgo(now, demo.watch.startedDaysAgo));
    plan.nextDueOn = nextDueOf(plan, target.lastContactAt);
    plan.districtId = target.districtId;
    plan.assignedOrganizationId = target.assignedOrganizationId;
    plan.staffSubjects = staffSubjectsOf(plan.watchers, target);
    em.persist(plan);
    await em.flush();
  }
}
