import type { EntityManager } from '@mikro-orm/core';
import { CaseOpened, CaseStatusChanged, CaseTrackChanged, PlanDrafted, ConsentRecorded, ConsultationReceived, ConsultationScreeningStarted, ConsultationTriaged, HouseholdRegistered, PersonRegistered, ReferralAccepted, ReferralRequested, type Disposition } from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS, DEMO_USERS } from '@tsunagu/demo-data';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { PersonPseudonyms } from '@tsunagu/util-pseudonym';
import { v5 as uuidv5 } from 'uuid';
import { MultiAgencyCase } from '../cases/case.entity';
import { caseEventData } from '../cases/case.view';
import { Consent } from '../consents/consent.entity';
import { consentEventData } from '../consents/consent.view';
import { DISPOSITION_STATUS } from '../consultations/consultation-status';
import { Consultation } from '../consultations/consultation.entity';
import type { ReceiveConsultationCommand } from '../consultations/consultation.dto';
import { applyConsultationFields, consultationEventData, raiseMandatoryReports } from '../consultations/consultation.view';
import { nextReceptionNumber } from '../consultations/reception-number';
import { Household } from '../people/household.entity';
import type { HouseholdMemberDto } from '../people/household.dto';
import { applyHouseholdFields } from '../people/household.view';
import { householdEventData } from '../people/protection';
import { Person } from '../people/person.entity';
import type { RegisterPersonCommand } from '../people/person.dto';
import { applyPersonFields } from '../people/person.view';
import { SupportPlan } from '../plans/support-plan.entity';
import { planEventData } from '../plans/plan.view';
import { Referral } from '../referrals/referral.entity';
import { referralEventData } from '../referrals/referral.view';
import { addBusinessDays } from '@tsunagu/util-japanese-calendar';
import { dateInJapan, fiscalYearOf } from '@tsunagu/util-japanese-calendar';
import { StaffMember, staffSearchText } from '../staff/staff-member.entity';

/*
 * Clearly fictional households in Takamatsu districts (names, addresses and phones are made up; phone
 * numbers use the 0120-000-xxx range that is never assigned to people). Ids are fixed so a second run
 * finds them and does nothing.
 */
export const INTAKE_DEMO_NAMESPACE = '6f1c2b9e-8d4a-5e3f-9a1b-2c3d4e5f6a7b';
const demoId = (...parts: string[]) => uuidv5(parts.join(':'), INTAKE_DEMO_NAMESPACE);
// The registry's demo districts use this namespace and key (apps/registry/src/demo/demo-data.ts), so the
// ids match across services without intake importing the registry.
const REGISTRY_DEMO_NAMESPACE = '3d9b7f0c-2a1e-5c4d-8b6a-9f8e7d6c5b4a';
const districtId = (shortName: string) => uuidv5(`${DEMO_MUNICIPALITY.lgCode}:district:${shortName}`, REGISTRY_DEMO_NAMESPACE);
/** A 地区社会福祉協議会 of the registry's demo data (the host of the matching service's demo participations). */
const districtCouncilId = (shortName: string) => uuidv5(`${DEMO_MUNICIPALITY.lgCode}:district-swc:${shortName}`, REGISTRY_DEMO_NAMESPACE);

const ORG = DEMO_ORGANIZATIONS;
// The demo `caseworker` user of apps/idp (its subject), so their 「私の業務」 shows the demo case.
const STAFF = 'caseworker';

interface DemoPerson extends RegisterPersonCommand {
  key: string;
}
interface DemoMember extends Omit<HouseholdMemberDto, 'personId' | 'careEdges'> {
  person: string;
  careEdges?: { to: string; kind: NonNullable<HouseholdMemberDto['careEdges']>[number]['kind'] }[];
}
interface DemoHousehold {
  key: string;
  label: string;
  district: string;
  keyPerson: string;
  people: DemoPerson[];
  members: DemoMember[];
  consent?: { person: string; scope: Consent['scope']; targets: string[]; method: Consent['method']; obtainedAt: string };
  /** 参加支援受入先への提供: the consent the matching service's demo participations rely on (its copies carry this id). */
  participationConsent?: { person: string; targets: string[]; obtainedAt: string };
  consultation: Omit<ReceiveConsultationCommand, 'personId' | 'householdId' | 'receivingOrganizationId'> & { receivingOrganizationId: string; person: string; disposition?: Disposition };
  referral?: { to: string; referredOn: string; accepted: boolean };
  /** A 多機関協働 case on the 重層 track with a first plan in preparation. */
  multiAgencyCase?: boolean;
}

const address = (machiaza: string, banchi: string, postalCode: string) => ({ postalCode, prefecture: '香川県', municipalityName: '高松市', machiaza, banchi });

const HOUSEHOLDS: DemoHousehold[] = [
  {
    // 8050: parents in their 80s, a son in his 50s who has stayed home for years.
    key: '8050',
    label: '讃岐家',
    district: '仏生山',
    keyPerson: 'father',
    people: [
      { key: 'father', familyName: '讃岐', givenName: '一郎', familyNameKana: 'サヌキ', givenNameKana: 'イチロウ', birthDate: '1940-06-12', sex: 'male', address: address('仏生山町', '甲000番地', '761-8078'), addressRaw: '高松市仏生山町甲000番地', districtId: districtId('仏生山'), phones: [{ type: 'home', number: '0120-000-101' }], identityLevel: 'confirmed' },
      { key: 'mother', familyName: '讃岐', givenName: 'ハナ', familyNameKana: 'ｻﾇｷ', givenNameKana: 'ﾊﾅ', birthDate: '1943-02-03', sex: 'female', address: address('仏生山町', '甲000番地', '761-8078'), districtId: districtId('仏生山'), identityLevel: 'confirmed' },
      { key: 'son', familyName: '讃岐', givenName: '健太', familyNameKana: 'さぬき', givenNameKana: 'けんた', birthDate: '1972-09-30', sex: 'male', address: address('仏生山町', '甲000番地', '761-8078'), districtId: districtId('仏生山'), identityLevel: 'unconfirmed' },
    ],
    members: [
      { person: 'father', relationToKey: 'self', cohabiting: true, mainCarer: false },
      { person: 'mother', relationToKey: 'spouse', cohabiting: true, mainCarer: true, careEdges: [{ to: 'father', kind: 'care' }] },
      { person: 'son', relationToKey: 'child', cohabiting: true, mainCarer: false, careEdges: [{ to: 'father', kind: 'financial-dependency' }] },
    ],
    consent: { person: 'father', scope: 'agency-sharing', targets: [ORG.communityCareCentre.id, ORG.selfRelianceSupport.id], method: 'signature', obtainedAt: '2025-05-12T02:00:00Z' },
    // The son agreed to be introduced to places where he could take part (any host).
    participationConsent: { person: 'son', targets: [], obtainedAt: '2025-06-20T01:00:00Z' },
    consultation: {
      person: 'father',
      receivedAt: '2025-05-12T01:30:00Z',
      receivingOrganizationId: ORG.cityCommunityWelfare.id,
      route: 'phone',
      consultantRelation: 'family',
      consultantRelationDetail: '妻',
      categories: ['long-term-care', 'hikikomori-school-refusal', 'income'],
      primaryCategory: 'long-term-care',
      issueTags: ['8050', 'hikikomori'],
      mainComplaint: '夫の足腰が弱り、介護が大変になってきた。息子はもう20年近く家から出ていない。年金だけで先が不安。',
      urgency: 'medium',
      consentStatus: 'given',
      jigyoAttribution: 'tsunagaru-desk',
      disposition: 'referral',
    },
    referral: { to: ORG.communityCareCentre.id, referredOn: '2025-05-12', accepted: true },
    multiAgencyCase: true,
  },
  {
    // ダブルケア: a mother raising a toddler while caring for her own mother with dementia.
    key: 'double-care',
    label: '瀬戸家',
    district: '林',
    keyPerson: 'mother',
    people: [
      { key: 'mother', familyName: '瀬戸', givenName: '美咲', familyNameKana: 'セト', givenNameKana: 'ミサキ', birthDate: '1983-11-20', sex: 'female', address: address('林町', '0000番地0', '761-0301'), districtId: districtId('林'), phones: [{ type: 'mobile', number: '0120-000-202' }], identityLevel: 'confirmed' },
      { key: 'child', familyName: '瀬戸', givenName: '陽向', familyNameKana: 'セト', givenNameKana: 'ヒナタ', birthDate: '2022-04-08', sex: 'male', address: address('林町', '0000番地0', '761-0301'), districtId: districtId('林'), identityLevel: 'unconfirmed' },
      { key: 'grandmother', familyName: '髙木', givenName: '澄子', familyNameKana: 'タカギ', givenNameKana: 'スミコ', birthDate: '1949-07-01', sex: 'female', address: address('林町', '0000番地1', '761-0301'), districtId: districtId('林'), identityLevel: 'unconfirmed' },
    ],
    members: [
      { person: 'mother', relationToKey: 'self', cohabiting: true, mainCarer: true, careEdges: [{ to: 'child', kind: 'childcare' }, { to: 'grandmother', kind: 'care' }] },
      { person: 'child', relationToKey: 'child', cohabiting: true, mainCarer: false },
      { person: 'grandmother', relationToKey: 'mother', cohabiting: false, mainCarer: false },
    ],
    consent: { person: 'mother', scope: 'named-organization', targets: [ORG.communityCareCentre.id], method: 'signature', obtainedAt: '2025-06-03T05:00:00Z' },
    consultation: {
      person: 'mother',
      receivedAt: '2025-06-03T04:30:00Z',
      receivingOrganizationId: ORG.socialWelfareCouncil.id,
      route: 'walk-in',
      consultantRelation: 'self',
      categories: ['long-term-care', 'childcare'],
      primaryCategory: 'long-term-care',
      issueTags: ['double-care', 'dementia'],
      mainComplaint: '子どもが2歳で手がかかるのに、近くに住む母の物忘れがひどくなり毎日通っている。自分の時間が全くない。',
      urgency: 'medium',
      consentStatus: 'given',
      jigyoAttribution: 'long-term-care',
      disposition: 'referral',
    },
    referral: { to: ORG.communityCareCentre.id, referredOn: '2025-06-03', accepted: false },
  },
  {
    // ヤングケアラー: a junior-high student looking after a mother with a mental illness; no consent yet.
    key: 'young-carer',
    label: '𠮷田家',
    district: '鶴尾',
    keyPerson: 'mother',
    people: [
      { key: 'mother', familyName: '𠮷田', givenName: '由美', familyNameKana: 'ヨシダ', givenNameKana: 'ユミ', birthDate: '1985-03-15', sex: 'female', address: address('西ハゼ町', '000番地', '760-0065'), districtId: districtId('鶴尾'), identityLevel: 'unconfirmed' },
      { key: 'daughter', familyName: '𠮷田', givenName: '結衣', familyNameKana: 'ヨシダ', givenNameKana: 'ユイ', birthDate: '2011-08-22', sex: 'female', address: address('西ハゼ町', '000番地', '760-0065'), districtId: districtId('鶴尾'), identityLevel: 'unconfirmed' },
    ],
    members: [
      { person: 'mother', relationToKey: 'self', cohabiting: true, mainCarer: false },
      { person: 'daughter', relationToKey: 'child', cohabiting: true, mainCarer: true, careEdges: [{ to: 'mother', kind: 'care' }] },
    ],
    consultation: {
      person: 'daughter',
      receivedAt: '2025-07-08T06:00:00Z',
      receivingOrganizationId: ORG.childFamilyCentre.id,
      route: 'agency-referral',
      consultantRelation: 'agency',
      consultantRelationDetail: '中学校',
      categories: ['family', 'hikikomori-school-refusal'],
      primaryCategory: 'family',
      issueTags: ['young-carer', 'mental-health'],
      mainComplaint: '（学校より）遅刻・欠席が増えている。母の体調が悪く家事と見守りをしていると本人が話した。',
      urgency: 'high',
      consentStatus: 'not-given',
      jigyoAttribution: 'children',
      disposition: 'support-meeting',
    },
  },
  {
    // 身寄りのない高齢者: a man living alone, noticed by the welfare commissioner.
    key: 'isolated',
    label: '屋島家',
    district: '屋島',
    keyPerson: 'self',
    people: [
      { key: 'self', familyName: '屋島', givenName: '正男', familyNameKana: 'ヤシマ', givenNameKana: 'マサオ', birthDate: '1937-01-01', birthDatePrecision: 'year', sex: 'male', address: address('屋島西町', '0000番地0', '761-0111'), districtId: districtId('屋島'), identityLevel: 'unconfirmed' },
    ],
    members: [{ person: 'self', relationToKey: 'self', cohabiting: true, mainCarer: false }],
    // He agreed to be introduced to the 屋島 地区社協's 通所型サービスB (through the 生活支援コーディネーター, before this consultation).
    participationConsent: { person: 'self', targets: [districtCouncilId('屋島')], obtainedAt: '2025-07-15T01:00:00Z' },
    consultation: {
      person: 'self',
      receivedAt: '2025-08-19T00:45:00Z',
      receivingOrganizationId: ORG.communityCareCentre.id,
      route: 'welfare-commissioner',
      consultantRelation: 'other',
      consultantRelationDetail: '民生委員',
      categories: ['community', 'health-disability'],
      primaryCategory: 'community',
      issueTags: ['isolation', 'no-relatives', 'hoarding-self-neglect'],
      mainComplaint: '（民生委員より）郵便物がたまっている。声をかけても「大丈夫」と言うだけ。',
      urgency: 'high',
      consentStatus: 'unconfirmed',
      jigyoAttribution: 'long-term-care',
      disposition: 'own-agency',
    },
  },
];

/** Loads the demo households once; returns false when they are already there. */
export async function loadDemoData(em: EntityManager): Promise<boolean> {
  if (await em.findOne(Household, { id: demoId('household', HOUSEHOLDS[0].key) })) return false;
  const events = new EventRecorder(PersonPseudonyms.fromEnv());
  await em.transactional(async (tx) => {
    for (const demo of HOUSEHOLDS) await loadHousehold(tx, events, demo);
    loadStaffDirectory(tx);
  });
  return true;
}

/**
 * The demo users of the local idp in the 職員名簿, so the demo records (written by `caseworker`) show their author by
 * name before that user has signed in once. Marked as never signed in (`lastSignedInAt` null).
 */
function loadStaffDirectory(em: EntityManager): void {
  for (const user of DEMO_USERS.filter((candidate) => candidate.municipality === DEMO_MUNICIPALITY.lgCode)) {
    const member = new StaffMember();
    member.id = demoId('staff', user.username);
    member.municipality = user.municipality;
    member.subject = user.username;
    member.displayName = user.name;
    member.organizationId = user.agency ?? ORG.cityCommunityWelfare.id;
    member.searchText = staffSearchText(user.name, user.username);
    em.persist(member);
  }
}

async function loadHousehold(em: EntityManager, events: EventRecorder, demo: DemoHousehold): Promise<void> {
  const ids = new Map<string, string>();
  for (const { key, ...fields } of demo.people) {
    const person = new Person();
    person.id = demoId('person', demo.key, key);
    applyPersonFields(person, fields);
    // The demo households were registered at the city's つながる福祉相談窓口, so the city desk's staff see them (issue 13).
    person.registeredByOrganizationId = ORG.cityCommunityWelfare.id;
    em.persist(person);
    ids.set(key, person.id);
  }
  await em.flush();
  for (const id of ids.values()) {
    const person = em.getReference(Person, id);
    events.record(em, PersonRegistered, id, { personId: id, identityLevel: person.identityLevel });
  }
  const personId = (key: string) => ids.get(key) as string;

  const household = new Household();
  household.id = demoId('household', demo.key);
  household.registeredByOrganizationId = ORG.cityCommunityWelfare.id;
  await applyHouseholdFields(em, household, {
    label: demo.label,
    keyPersonId: personId(demo.keyPerson),
    districtId: districtId(demo.district),
    members: demo.members.map(({ person, careEdges, ...member }) => ({
      ...member,
      personId: personId(person),
      careEdges: (careEdges ?? []).map((edge) => ({ toPersonId: personId(edge.to), kind: edge.kind })),
    })),
  });
  em.persist(household);
  await em.flush();
  events.record(em, HouseholdRegistered, household.id, await householdEventData(em, household));

  let consentId: string | null = null;
  if (demo.consent) {
    const consent = new Consent();
    consent.id = demoId('consent', demo.key);
    consent.personId = personId(demo.consent.person);
    consent.scope = demo.consent.scope;
    consent.targetOrganizationIds = demo.consent.targets;
    consent.method = demo.consent.method;
    consent.status = 'obtained';
    consent.obtainedAt = new Date(demo.consent.obtainedAt);
    consent.obtainedBy = STAFF;
    em.persist(consent);
    await em.flush();
    events.record(em, ConsentRecorded, consent.id, consentEventData(consent));
    consentId = consent.id;
  }

  if (demo.participationConsent) {
    const consent = new Consent();
    consent.id = demoId('consent', demo.key, 'participation-hosts');
    consent.personId = personId(demo.participationConsent.person);
    consent.scope = 'participation-hosts';
    consent.targetOrganizationIds = demo.participationConsent.targets;
    consent.method = 'signature';
    consent.status = 'obtained';
    consent.obtainedAt = new Date(demo.participationConsent.obtainedAt);
    consent.obtainedBy = STAFF;
    em.persist(consent);
    await em.flush();
    events.record(em, ConsentRecorded, consent.id, consentEventData(consent));
  }

  const { person, disposition, receivedAt, receivingOrganizationId, ...fields } = demo.consultation;
  const consultation = new Consultation();
  consultation.id = demoId('consultation', demo.key);
  consultation.receivedAt = new Date(receivedAt as string);
  consultation.receivingOrganizationId = receivingOrganizationId;
  consultation.receiverStaff = STAFF;
  consultation.fiscalYear = fiscalYearOf(dateInJapan(consultation.receivedAt));
  const number = await nextReceptionNumber(em, DEMO_MUNICIPALITY.lgCode, receivingOrganizationId, consultation.fiscalYear);
  consultation.receptionSeq = number.seq;
  consultation.receptionNo = number.receptionNo;
  await applyConsultationFields(em, consultation, { ...fields, personId: personId(person), householdId: household.id });
  em.persist(consultation);
  await em.flush();
  events.record(em, ConsultationReceived, consultation.id, consultationEventData(consultation));
  await raiseMandatoryReports(em, events, consultation);
  if (disposition) {
    consultation.status = 'screening';
    await em.flush();
    events.record(em, ConsultationScreeningStarted, consultation.id, consultationEventData(consultation));
    consultation.status = DISPOSITION_STATUS[disposition];
    consultation.disposition = disposition;
    await em.flush();
    events.record(em, ConsultationTriaged, consultation.id, consultationEventData(consultation));
  }

  if (demo.referral) {
    const referral = new Referral();
    referral.id = demoId('referral', demo.key);
    referral.consultationId = consultation.id;
    referral.personId = consultation.personId;
    referral.fromOrganizationId = consultation.receivingOrganizationId;
    referral.toOrganizationId = demo.referral.to;
    referral.referredOn = demo.referral.referredOn;
    referral.followUpDue = addBusinessDays(demo.referral.referredOn, 5);
    referral.infoBasis = 'consent';
    referral.consentId = consentId;
    em.persist(referral);
    await em.flush();
    events.record(em, ReferralRequested, referral.id, referralEventData(referral));
    if (demo.referral.accepted) {
      referral.status = 'accepted';
      referral.respondedAt = new Date(`${demo.referral.referredOn}T07:00:00Z`);
      await em.flush();
      events.record(em, ReferralAccepted, referral.id, referralEventData(referral));
    }
  }

  if (demo.multiAgencyCase) await loadCase(em, events, demo, household, personId(demo.keyPerson), consultation.id);
}

async function loadCase(em: EntityManager, events: EventRecorder, demo: DemoHousehold, household: Household, keyPersonId: string, consultationId: string): Promise<void> {
  const consent = new Consent();
  consent.id = demoId('consent', demo.key, 'jusou');
  consent.personId = keyPersonId;
  consent.scope = 'jusou-meeting';
  consent.method = 'signature';
  consent.status = 'obtained';
  consent.obtainedAt = new Date('2025-06-02T02:00:00Z');
  consent.obtainedBy = STAFF;
  em.persist(consent);
  await em.flush();
  events.record(em, ConsentRecorded, consent.id, consentEventData(consent));

  const record = new MultiAgencyCase();
  record.id = demoId('case', demo.key);
  // Opened in 令和7年度 like its number, so reports count it there.
  record.createdAt = new Date('2025-05-20T01:00:00Z');
  record.caseNo = 'C-R7-0001';
  record.householdId = household.id;
  record.keyPersonId = keyPersonId;
  record.consultationId = consultationId;
  record.track = 'pre-consent';
  record.status = 'potential';
  record.coordinatorOrganizationId = ORG.socialWelfareCouncil.id;
  record.coordinatorStaff = STAFF;
  record.memberOrganizationIds = [ORG.communityCareCentre.id, ORG.selfRelianceSupport.id];
  em.persist(record);
  await em.flush();
  events.record(em, CaseOpened, record.id, caseEventData(record));
  await em.getConnection().execute(
    `insert into "intake"."case_counter" (municipality, fiscal_year, last_no) values (?, 2025, 1) on conflict do nothing`,
    [DEMO_MUNICIPALITY.lgCode],
    'all',
    em.getTransactionContext(),
  );
  record.track = 'consented';
  record.consentId = consent.id;
  record.status = 'assessing';
  await em.flush();
  events.record(em, CaseTrackChanged, record.id, caseEventData(record));
  record.status = 'planning';
  await em.flush();
  events.record(em, CaseStatusChanged, record.id, caseEventData(record));

  const plan = new SupportPlan();
  plan.id = demoId('plan', demo.key, '1');
  plan.caseId = record.id;
  plan.planVersion = 1;
  plan.createdOn = '2025-06-20';
  plan.authorStaff = STAFF;
  plan.consentId = consent.id;
  plan.wishes = '夫婦で家に住み続けたい。息子のことも相談したい。';
  plan.issueSummary = '夫の要介護状態の進行、妻の介護負担、長男の長期ひきこもりと将来の生活費。';
  plan.overallDirection = '介護保険サービスの導入で妻の負担を減らし、長男には生活自立支援センターと居場所につなぐ。';
  plan.goals = [
    { id: 'g1', term: 'short', text: '夫の要介護認定を申請し、サービスを使い始める', targetDate: '2025-09-30' },
    { id: 'g2', term: 'long', text: '長男が週1回は家の外の居場所に通う', targetDate: '2026-03-31' },
  ];
  plan.actions = [
    { goalId: 'g1', organizationId: ORG.communityCareCentre.id, role: '主担当（介護）', content: '認定申請の支援とケアマネジャーの紹介', frequency: '随時', start: '2025-07-01', end: null, isLead: true },
    { goalId: 'g2', organizationId: ORG.selfRelianceSupport.id, role: '長男の相談支援', content: '訪問による関係づくりと就労準備支援の案内', frequency: '月2回', start: '2025-07-01', end: null, isLead: false },
  ];
  plan.usesParticipationSupport = true;
  plan.usesOutreach = true;
  plan.nextReviewOn = '2025-10-01';
  em.persist(plan);
  await em.flush();
  events.record(em, PlanDrafted, plan.id, planEventData(plan));
}
