import type { EntityManager } from '@mikro-orm/core';
import { FollowUpRecorded, HostRegistered, MatchProposed, MatchStarted, MatchTrialStarted, MatchVisitArranged, NeedRegistered, NeedStatusChanged } from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { PersonPseudonyms } from '@tsunagu/util-pseudonym';
import { v5 as uuidv5 } from 'uuid';
import { ConsentCopy } from '../consents/consent-copy.entity';
import { FollowUp } from '../follow-ups/follow-up.entity';
import { followUpEventData } from '../follow-ups/follow-up.view';
import { Host } from '../hosts/host.entity';
import { hostEventData } from '../hosts/host.view';
import { Match } from '../matches/match.entity';
import { matchEventData } from '../matches/match.view';
import { needEventData } from '../needs/need.view';
import { ParticipationNeed } from '../needs/participation-need.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { resourceTerms, resourceTitle } from '../opportunities/resource-terms';

/*
 * Demo installation of 参加支援 in Takamatsu: hosts and menus in several districts, built on the registry's
 * demo organisations and community resources, and two people from intake's demo households matched to a place.
 * Ids are fixed so a second run finds them and does nothing.
 */
const NAMESPACE = '8a4e2c1d-5b6f-5a7e-9c8d-1e2f3a4b5c6d';
const demoId = (...parts: string[]) => uuidv5(parts.join(':'), NAMESPACE);
const lg = DEMO_MUNICIPALITY.lgCode;

/** The demo 参加支援員 (idp user `participation`): who registered the demo needs and proposed the matches, so the needs are theirs to see. */
const PARTICIPATION_WORKER = 'participation';

// The registry's demo ids (apps/registry/src/demo/demo-data.ts) use this namespace and these keys, so the ids
// match across services without matching importing the registry.
const REGISTRY_DEMO_NAMESPACE = '3d9b7f0c-2a1e-5c4d-8b6a-9f8e7d6c5b4a';
const registryId = (...parts: string[]) => uuidv5(parts.join(':'), REGISTRY_DEMO_NAMESPACE);
export const districtId = (shortName: string) => registryId(lg, 'district', shortName);
const districtSwc = (shortName: string) => registryId(lg, 'district-swc', shortName);
const resourceId = (shortName: string, kind: string) => registryId(lg, 'resource', shortName, kind);

// Intake's demo persons (apps/intake/src/demo/demo-data.ts: uuidv5('person:<household>:<member>', its namespace)).
const INTAKE_DEMO_NAMESPACE = '6f1c2b9e-8d4a-5e3f-9a1b-2c3d4e5f6a7b';
const intakeId = (...parts: string[]) => uuidv5(parts.join(':'), INTAKE_DEMO_NAMESPACE);
/** 讃岐 健太 (8050 household, 仏生山): a son who has withdrawn from society for years. */
export const WITHDRAWN_YOUNG_ADULT = intakeId('person', '8050', 'son');
/** 屋島 正男 (屋島): an elderly man living alone, isolated. */
export const ISOLATED_ELDER = intakeId('person', 'isolated', 'self');

export const DEMO_IDS = {
  cafeHost: demoId('host', '仏生山'),
  yashimaHost: demoId('host', '屋島'),
  hayashiHost: demoId('host', '林'),
  cityCouncilHost: demoId('host', 'city-swc'),
  cafeMenu: demoId('menu', '仏生山', 'cafe'),
  sortingMenu: demoId('menu', 'city-swc', 'sorting'),
  yashimaDayService: demoId('opportunity', resourceId('屋島', 'day-type-b')),
  hayashiVisitService: demoId('opportunity', resourceId('林', 'visit-type-b')),
  youngAdultNeed: demoId('need', 'young-adult'),
  elderNeed: demoId('need', 'elder'),
  cafeMatch: demoId('match', 'young-adult', 'cafe'),
  dayServiceMatch: demoId('match', 'elder', 'day-service'),
};

function host(id: string, fields: Partial<Host> & Pick<Host, 'organizationId' | 'name' | 'registeredOn'>): Host {
  return Object.assign(new Host(), { id, municipality: lg, agreementStatus: 'signed' as const, ...fields });
}

export async function loadDemoData(em: EntityManager): Promise<boolean> {
  if (await em.findOne(Host, { id: DEMO_IDS.cafeHost })) return false;
  const events = new EventRecorder(PersonPseudonyms.fromEnv());

  const hosts = [
    host(DEMO_IDS.cafeHost, {
      organizationId: districtSwc('仏生山'),
      name: '仏生山地区社会福祉協議会',
      hostTypes: ['community-group'],
      accepts: ['ibasho', 'role-volunteer', 'hobby-social'],
      accommodations: ['quiet-space', 'short-hours'],
      accommodationNotes: '初回は支援員の同行可。裏方（洗い場・準備）から始められます。',
      contactPerson: 'コミュニティカフェ担当',
      districtIds: [districtId('仏生山')],
      registeredOn: '2025-04-15',
    }),
    host(DEMO_IDS.yashimaHost, {
      organizationId: districtSwc('屋島'),
      name: '屋島地区社会福祉協議会',
      hostTypes: ['community-group', 'social-welfare-corporation'],
      accepts: ['ibasho', 'hobby-social', 'role-volunteer'],
      accommodations: ['step-free', 'transport', 'accessible-toilet'],
      contactPerson: '通所型サービスB 世話人',
      districtIds: [districtId('屋島')],
      registeredOn: '2025-04-20',
    }),
    host(DEMO_IDS.hayashiHost, {
      organizationId: districtSwc('林'),
      name: '林地区社会福祉協議会',
      hostTypes: ['community-group'],
      accepts: ['role-volunteer'],
      districtIds: [districtId('林')],
      agreementStatus: 'registered',
      registeredOn: '2025-05-10',
    }),
    host(DEMO_IDS.cityCouncilHost, {
      organizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
      name: DEMO_ORGANIZATIONS.socialWelfareCouncil.name,
      hostTypes: ['social-welfare-corporation'],
      accepts: ['role-volunteer', 'work-experience', 'learning'],
      accommodations: ['quiet-space', 'written-instructions', 'short-hours', 'fixed-contact'],
      contactPerson: 'ボランティアセンター',
      districtIds: [],
      registeredOn: '2025-04-01',
    }),
  ];

  const resourceCopy = (id: string, shortName: string, kind: 'day-type-b' | 'visit-type-b', hostEntity: Host, terms: Partial<Opportunity>): Opportunity => {
    const base = resourceTerms(kind);
    return Object.assign(new Opportunity(), {
      id,
      municipality: lg,
      source: 'registry-resource' as const,
      resourceId: resourceId(shortName, kind),
      resourceCategory: kind,
      resourceStatus: 'active' as const,
      hostId: hostEntity.id,
      organizationId: hostEntity.organizationId,
      title: resourceTitle(kind),
      purposes: base.purposes,
      activityTags: base.activityTags,
      physicalLoad: base.physicalLoad,
      districtId: districtId(shortName),
      volunteerInsurance: true,
      status: 'published' as const,
      ...terms,
    });
  };
  const opportunities = [
    Object.assign(new Opportunity(), {
      id: DEMO_IDS.cafeMenu,
      municipality: lg,
      source: 'host-menu' as const,
      hostId: DEMO_IDS.cafeHost,
      organizationId: districtSwc('仏生山'),
      title: 'コミュニティカフェ ぶっしょうざん ボランティア',
      activityType: 'カフェの準備・洗い場・配膳（慣れたら接客）',
      purposes: ['role-volunteer', 'ibasho'] as Opportunity['purposes'],
      activityTags: ['カフェ', '料理', '接客', '片付け'],
      sessions: [{ weekday: 'tu' as const, slot: 'afternoon' as const }, { weekday: 'th' as const, slot: 'afternoon' as const }],
      capacity: 4,
      seatsLeft: 3,
      districtId: districtId('仏生山'),
      location: '仏生山コミュニティセンター 1階',
      fee: 0,
      volunteerInsurance: true,
      accommodations: ['small-group'] as Opportunity['accommodations'],
      physicalLoad: 'light' as const,
      groupSize: 6,
      status: 'published' as const,
    }),
    Object.assign(new Opportunity(), {
      id: DEMO_IDS.sortingMenu,
      municipality: lg,
      source: 'host-menu' as const,
      hostId: DEMO_IDS.cityCouncilHost,
      organizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
      title: 'ボランティアセンター 作業ボランティア（封入・仕分け）',
      activityType: '広報紙の封入、寄付物品の仕分け',
      purposes: ['role-volunteer', 'work-experience'] as Opportunity['purposes'],
      activityTags: ['軽作業', '仕分け', 'パソコン'],
      sessions: [{ weekday: 'mo' as const, slot: 'morning' as const }, { weekday: 'we' as const, slot: 'afternoon' as const }],
      capacity: 8,
      seatsLeft: 5,
      districtId: null,
      location: '高松市総合福祉会館',
      fee: 0,
      volunteerInsurance: true,
      physicalLoad: 'light' as const,
      groupSize: 8,
      status: 'published' as const,
    }),
    resourceCopy(DEMO_IDS.yashimaDayService, '屋島', 'day-type-b', hosts[1], {
      title: '屋島いきいき通所（通所型サービスB）',
      activityType: '体操・脳トレ・お茶会',
      activityTags: ['体操・運動', '趣味活動', '交流活動', '囲碁・将棋'],
      sessions: [{ weekday: 'we', slot: 'morning' }],
      capacity: 15,
      seatsLeft: 4,
      location: '屋島コミュニティセンター',
      fee: 100,
      groupSize: 15,
    }),
    resourceCopy(DEMO_IDS.hayashiVisitService, '林', 'visit-type-b', hosts[2], {
      title: '林ささえあい隊（訪問型サービスB）',
      sessions: [{ weekday: 'mo', slot: 'morning' }, { weekday: 'fr', slot: 'morning' }],
      groupSize: 3,
    }),
  ];

  const youngAdult = Object.assign(new ParticipationNeed(), {
    id: DEMO_IDS.youngAdultNeed,
    municipality: lg,
    personId: WITHDRAWN_YOUNG_ADULT,
    purposes: ['role-volunteer', 'ibasho'] as ParticipationNeed['purposes'],
    interests: ['カフェ', '料理', 'ゲーム'],
    homeDistrictId: districtId('仏生山'),
    preferredDistrictIds: [districtId('円座'), districtId('川岡')],
    travelRange: 'nearby-districts' as const,
    travelMeans: ['bicycle'] as ParticipationNeed['travelMeans'],
    availability: [{ weekday: 'tu' as const, slot: 'afternoon' as const }, { weekday: 'th' as const, slot: 'afternoon' as const }, { weekday: 'sa' as const, slot: 'afternoon' as const }],
    maxGroupSize: 8,
    accommodations: ['quiet-space', 'short-hours'] as ParticipationNeed['accommodations'],
    maxFee: 0,
    notes: '長期のひきこもり。大人数と午前が苦手。料理は家で担当している。',
    status: 'participating' as const,
    registeredOn: '2025-06-02',
    registeredBy: PARTICIPATION_WORKER,
  });
  const elder = Object.assign(new ParticipationNeed(), {
    id: DEMO_IDS.elderNeed,
    municipality: lg,
    personId: ISOLATED_ELDER,
    purposes: ['ibasho', 'hobby-social'] as ParticipationNeed['purposes'],
    interests: ['囲碁・将棋', '体操・運動'],
    homeDistrictId: districtId('屋島'),
    travelRange: 'home-district' as const,
    travelMeans: ['walk', 'needs-transport'] as ParticipationNeed['travelMeans'],
    availability: [{ weekday: 'we' as const, slot: 'morning' as const }, { weekday: 'fr' as const, slot: 'morning' as const }],
    maxPhysicalLoad: 'light' as const,
    accommodations: ['step-free'] as ParticipationNeed['accommodations'],
    maxFee: 300,
    notes: '一人暮らし、近所づきあいが途絶えている。膝が悪く段差が苦手。送迎があれば通える。',
    status: 'participating' as const,
    registeredOn: '2025-07-10',
    registeredBy: PARTICIPATION_WORKER,
  });

  // Copies of the consents 参加支援受入先への提供 the two people gave, with the ids of intake's demo consents
  // (apps/intake/src/demo/demo-data.ts): intake's ConsentRecorded events update these same rows.
  const consents = [
    Object.assign(new ConsentCopy(), { id: demoId('consent-copy', 'young-adult'), municipality: lg, consentId: intakeId('consent', '8050', 'participation-hosts'), personId: WITHDRAWN_YOUNG_ADULT, scope: 'participation-hosts' as const, targetOrganizationIds: [], status: 'obtained' as const, statusAt: new Date('2025-06-20T01:00:00Z') }),
    Object.assign(new ConsentCopy(), { id: demoId('consent-copy', 'elder'), municipality: lg, consentId: intakeId('consent', 'isolated', 'participation-hosts'), personId: ISOLATED_ELDER, scope: 'participation-hosts' as const, targetOrganizationIds: [districtSwc('屋島')], status: 'obtained' as const, statusAt: new Date('2025-07-15T01:00:00Z') }),
  ];

  const cafeMatch = Object.assign(new Match(), {
    id: DEMO_IDS.cafeMatch,
    municipality: lg,
    needId: youngAdult.id,
    personId: youngAdult.personId,
    opportunityId: DEMO_IDS.cafeMenu,
    source: 'host-menu' as const,
    hostId: DEMO_IDS.cafeHost,
    hostOrganizationId: districtSwc('仏生山'),
    purpose: 'role-volunteer' as const,
    districtId: districtId('仏生山'),
    homeDistrictId: youngAdult.homeDistrictId,
    status: 'participating' as const,
    proposedOn: '2025-06-16',
    visitOn: '2025-06-24',
    trialDates: ['2025-07-01', '2025-07-08'],
    startedOn: '2025-07-15',
    consentId: consents[0].consentId,
    nextFollowUpDue: '2025-08-12',
    proposedBy: PARTICIPATION_WORKER,
  });
  const dayServiceMatch = Object.assign(new Match(), {
    id: DEMO_IDS.dayServiceMatch,
    municipality: lg,
    needId: elder.id,
    personId: elder.personId,
    opportunityId: DEMO_IDS.yashimaDayService,
    source: 'registry-resource' as const,
    resourceId: resourceId('屋島', 'day-type-b'),
    hostId: DEMO_IDS.yashimaHost,
    hostOrganizationId: districtSwc('屋島'),
    purpose: 'ibasho' as const,
    districtId: districtId('屋島'),
    homeDistrictId: elder.homeDistrictId,
    status: 'participating' as const,
    proposedOn: '2025-07-14',
    visitOn: '2025-07-23',
    trialDates: ['2025-07-30'],
    startedOn: '2025-08-06',
    consentId: consents[1].consentId,
    nextFollowUpDue: '2025-09-03',
    proposedBy: PARTICIPATION_WORKER,
  });
  const followUps = [
    Object.assign(new FollowUp(), { id: demoId('follow-up', 'cafe', '1'), municipality: lg, matchId: cafeMatch.id, side: 'person' as const, method: 'interview' as const, heldOn: '2025-07-29', issues: '開店直後の混雑時に緊張が強い。', adjustments: '開店30分後から入る時間帯に変更。', nextDueOn: '2025-08-12', staff: PARTICIPATION_WORKER }),
    Object.assign(new FollowUp(), { id: demoId('follow-up', 'cafe', '2'), municipality: lg, matchId: cafeMatch.id, side: 'host' as const, method: 'visit' as const, heldOn: '2025-07-29', issues: '声かけの仕方に迷いがある（受入先）。', adjustments: '作業は紙に書いて渡す方法を提案。', nextDueOn: '2025-08-12', staff: PARTICIPATION_WORKER }),
    Object.assign(new FollowUp(), { id: demoId('follow-up', 'day-service', '1'), municipality: lg, matchId: dayServiceMatch.id, side: 'both' as const, method: 'visit' as const, heldOn: '2025-08-20', issues: '送迎の時間が合わない日がある。', adjustments: '世話人と送迎順を調整。', nextDueOn: '2025-09-03', staff: PARTICIPATION_WORKER }),
  ];

  for (const entity of [...hosts, ...opportunities, youngAdult, elder, ...consents, cafeMatch, dayServiceMatch, ...followUps]) em.persist(entity);
  await em.flush();

  for (const entity of hosts) events.record(em, HostRegistered, entity.id, hostEventData(entity));
  for (const need of [youngAdult, elder]) {
    events.record(em, NeedRegistered, need.id, { ...needEventData(need), status: 'hearing', occurredOn: need.registeredOn });
    events.record(em, NeedStatusChanged, need.id, { ...needEventData(need), status: 'matching', occurredOn: need.registeredOn });
  }
  for (const match of [cafeMatch, dayServiceMatch]) {
    events.record(em, MatchProposed, match.id, { ...matchEventData(match, match.proposedOn), status: 'proposed', startedOn: null });
    events.record(em, MatchVisitArranged, match.id, { ...matchEventData(match, match.visitOn as string), status: 'visit', startedOn: null });
    for (const trial of match.trialDates) events.record(em, MatchTrialStarted, match.id, { ...matchEventData(match, trial), status: 'trial', startedOn: null });
    events.record(em, MatchStarted, match.id, matchEventData(match, match.startedOn as string));
  }
  for (const need of [youngAdult, elder]) events.record(em, NeedStatusChanged, need.id, { ...needEventData(need), occurredOn: need.id === youngAdult.id ? '2025-07-15' : '2025-08-06' });
  const matches = new Map([cafeMatch, dayServiceMatch].map((match) => [match.id, match]));
  for (const followUp of followUps) events.record(em, FollowUpRecorded, followUp.id, followUpEventData(followUp, matches.get(followUp.matchId) as Match));
  // The recorder does not flush: the events are written here, after the records they are about.
  await em.flush();
  return true;
}
