import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/core';
import { parse } from 'csv-parse/sync';
import { v5 as uuidv5 } from 'uuid';
import {
  CoordinatorAssigned,
  CouncilEstablished,
  CouncilMeetingHeld,
  DistrictRegistered,
  OrganizationRegistered,
  ResourcePublished,
  ResourceRegistered,
  type AreaGroup,
  type ResourceActivity,
  type ResourceCategory,
  type Weekday,
} from '@tsunagu/contracts';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { Coordinator } from '../coordinators/coordinator.entity';
import { coordinatorEventData } from '../coordinators/coordinator.view';
import { councilEventData, councilMeetingEventData } from '../councils/council.view';
import { districtEventData } from '../districts/district.view';
import { organizationEventData } from '../organizations/organization.view';
import { resourceEventData } from '../resources/resource.view';
import { Council } from '../councils/council.entity';
import { CouncilMeeting } from '../councils/council-meeting.entity';
import { District } from '../districts/district.entity';
import { Municipality } from '../municipalities/municipality.entity';
import { Organization } from '../organizations/organization.entity';
import { CommunityResource } from '../resources/community-resource.entity';
import { toKatakana } from '../shared/japanese-text';

/*
 * Demo installation: Takamatsu (372013) with its 44 districts and the mutual-aid services of the city's
 * presentation (住民主体の支え合いサービス実施状況, R4.9, 公開分のみ): 訪問型サービスB in 26 districts,
 * 通所型サービスB in 6 and other (介護保険外) services in 20, over 38 listed districts. Service names other
 * than 「見守り香南」 and 「あんしん香南」 (DOMAIN §4.2) are invented placeholders.
 */

export interface DistrictRow {
  short_name: string;
  kana: string;
  listed_in_2022_09_table: 'yes' | 'no';
  visit_type_b: 'yes' | 'no';
  day_type_b: 'yes' | 'no';
  other_mutual_aid: 'yes' | 'no';
}

const DEMO_NAMESPACE = '3d9b7f0c-2a1e-5c4d-8b6a-9f8e7d6c5b4a';
const demoId = (...parts: string[]) => uuidv5(parts.join(':'), DEMO_NAMESPACE);

/** Merged towns keep their own area groups (旧○○町); everything else is 本庁 area. */
const AREA_GROUP: Record<string, AreaGroup> = {
  塩江: 'former-shionoe',
  牟礼: 'former-mure',
  庵治: 'former-aji',
  香南: 'former-konan',
  国分寺北: 'former-kokubunji',
  国分寺南: 'former-kokubunji',
  大野: 'former-kagawa',
  浅野: 'former-kagawa',
  川東: 'former-kagawa',
};
/** Councils that call themselves 校区 (DOMAIN §4.4; to be checked against the city's list). */
const OFFICIAL_NAME: Record<string, string> = {
  栗林: '栗林校区コミュニティ協議会',
  浅野: '浅野校区コミュニティ協議会',
  弦打: '弦打校区コミュニティ協議会',
  国分寺南: '国分寺南部校区コミュニティ協議会',
};
const ISLANDS = new Set(['女木', '男木']);

const OTHER_KINDS: { category: ResourceCategory; suffix: string; activities: ResourceActivity[] }[] = [
  { category: 'mobility-shopping', suffix: 'おでかけ・買い物支援', activities: ['shopping'] },
  { category: 'membership-mutual-aid', suffix: '助け合いの会', activities: ['rubbish', 'weeding', 'cleaning'] },
  { category: 'watching', suffix: '見守り訪問', activities: ['social', 'consultation'] },
  { category: 'childcare-support', suffix: '子育てサポート', activities: ['other'] },
  { category: 'talent-bank', suffix: '人材バンク', activities: ['other'] },
];
const WEEKDAY_SETS: Weekday[][] = [['mo', 'we', 'fr'], ['tu', 'th'], ['mo', 'tu', 'we', 'th', 'fr'], ['sa'], ['we']];

/** Finds districts.csv next to this file (ts-jest) or in the bundle's assets (dist/apps/registry/demo). */
export function readDistrictRows(): DistrictRow[] {
  const candidates = [join(__dirname, 'districts.csv'), join(__dirname, 'demo', 'districts.csv')];
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`districts.csv not found (looked in ${candidates.join(', ')})`);
  return parse(readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as DistrictRow[];
}

/**
 * Loads the demo data into an empty municipality; returns false (and writes nothing) when the
 * municipality already has a registry. Call inside TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode).
 */
export async function loadDemoData(em: EntityManager): Promise<boolean> {
  return em.transactional(async (tx) => {
    if ((await tx.count(Municipality, { lgCode: DEMO_MUNICIPALITY.lgCode })) > 0) return false;
    const lg = DEMO_MUNICIPALITY.lgCode;
    const created: object[] = [];
    // Every demo record is persisted through here so the same events a staff member's edits would
    // produce are recorded too: reporting builds its projections from events only.
    const persist = (entity: object) => {
      created.push(entity);
      tx.persist(entity);
    };
    tx.persist(Object.assign(new Municipality(), { lgCode: lg, name: DEMO_MUNICIPALITY.name, prefecture: DEMO_MUNICIPALITY.prefecture }));

    const rows = readDistrictRows();
    const districts = new Map<string, District>();
    rows.forEach((row, index) => {
      const district = Object.assign(new District(), {
        id: demoId(lg, 'district', row.short_name),
        shortName: row.short_name,
        officialName: OFFICIAL_NAME[row.short_name] ?? `${row.short_name}地区コミュニティ協議会`,
        kana: toKatakana(row.kana),
        sortOrder: index + 1,
        areaGroup: AREA_GROUP[row.short_name] ?? 'honcho',
        isIsland: ISLANDS.has(row.short_name),
        office: { name: `${row.short_name}コミュニティセンター` },
      });
      districts.set(row.short_name, district);
      persist(district);
    });

    for (const organization of Object.values(DEMO_ORGANIZATIONS)) {
      persist(
        Object.assign(new Organization(), {
          id: organization.id,
          name: organization.name,
          kana: organization.kana,
          type: organization.type,
          operation: organization.type === 'municipal-division' ? 'direct' : 'contracted',
          isAppiPrivateOperator: organization.type !== 'municipal-division',
          jusouRoles: organization.type === 'municipal-swc' ? ['comprehensive-consultation', 'outreach', 'community-building'] : ['comprehensive-consultation'],
        }),
      );
    }

    let resourceIndex = 0;
    for (const row of rows.filter((candidate) => candidate.listed_in_2022_09_table === 'yes')) {
      const district = districts.get(row.short_name) as District;
      // 地区社会福祉協議会 run most resident mutual aid (共助の基盤づくり事業).
      const provider = Object.assign(new Organization(), {
        id: demoId(lg, 'district-swc', row.short_name),
        name: `${row.short_name}地区社会福祉協議会`,
        kana: toKatakana(`${row.kana}ちくしゃかいふくしきょうぎかい`),
        type: 'district-swc',
        operation: 'subsidised',
        isAppiPrivateOperator: true,
        jusouRoles: ['community-building'],
        districtIds: [district.id],
      });
      persist(provider);
      const base = { organizationId: provider.id, districtIds: [district.id], public: true, status: 'active' as const, lastVerifiedOn: '2022-09-30' };
      if (row.visit_type_b === 'yes') {
        const konan = row.short_name === '香南';
        persist(
          Object.assign(new CommunityResource(), {
            ...base,
            id: demoId(lg, 'resource', row.short_name, 'visit-type-b'),
            name: konan ? '見守り香南' : `${row.short_name}ささえあい隊`,
            kana: konan ? 'ミマモリコウナン' : toKatakana(`${row.kana}ささえあいたい`),
            description: '住民ボランティアによる訪問型サービスB（ゴミ出し・草抜き・掃除・電池や電球の交換・買い物代行）',
            category: 'visit-type-b',
            insuranceScheme: 'comprehensive-programme',
            activities: konan ? ['weeding', 'rubbish', 'shopping'] : ['rubbish', 'weeding', 'cleaning', 'battery-bulb', 'shopping'],
            eligibility: 'comprehensive-programme-user',
            scheduleFrequency: 'weekly',
            scheduleWeekdays: WEEKDAY_SETS[resourceIndex++ % WEEKDAY_SETS.length],
            scheduleOpensAt: '09:00',
            scheduleClosesAt: '16:00',
            fee: '30分 200円',
          }),
        );
      }
      if (row.day_type_b === 'yes') {
        const konan = row.short_name === '香南';
        persist(
          Object.assign(new CommunityResource(), {
            ...base,
            id: demoId(lg, 'resource', row.short_name, 'day-type-b'),
            name: konan ? 'あんしん香南' : `${row.short_name}いきいき通所`,
            kana: konan ? 'アンシンコウナン' : toKatakana(`${row.kana}いきいきつうしょ`),
            description: '体操・趣味活動・交流の通所型サービスB',
            category: 'day-type-b',
            insuranceScheme: 'comprehensive-programme',
            activities: ['exercise', 'hobby', 'social'],
            eligibility: 'comprehensive-programme-user',
            scheduleFrequency: 'weekly',
            scheduleWeekdays: konan ? ['fr'] : WEEKDAY_SETS[resourceIndex++ % WEEKDAY_SETS.length].slice(0, 1),
            scheduleOpensAt: '09:30',
            scheduleClosesAt: '11:30',
            capacity: konan ? 10 : 15,
            fee: '1回100円',
          }),
        );
      }
      if (row.other_mutual_aid === 'yes') {
        const kind = OTHER_KINDS[resourceIndex++ % OTHER_KINDS.length];
        persist(
          Object.assign(new CommunityResource(), {
            ...base,
            id: demoId(lg, 'resource', row.short_name, 'other'),
            name: `${row.short_name}${kind.suffix}`,
            kana: toKatakana(row.kana),
            description: '介護保険外の住民主体の支え合いサービス（総合事業の対象者以外も利用可）',
            category: kind.category,
            insuranceScheme: 'non-insurance',
            activities: kind.activities,
            eligibility: 'anyone',
            scheduleFrequency: 'weekly',
            scheduleWeekdays: WEEKDAY_SETS[resourceIndex % WEEKDAY_SETS.length],
            fee: '会費制',
          }),
        );
      }
    }

    // Not counted by the deck's table: a resource still being prepared (準備中, not public).
    persist(
      Object.assign(new CommunityResource(), {
        id: demoId(lg, 'resource', '四番丁', 'salon'),
        name: '四番丁ふれあいサロン（準備中）',
        kana: 'ヨバンチョウフレアイサロン',
        districtIds: [(districts.get('四番丁') as District).id],
        category: 'salon',
        insuranceScheme: 'independent',
        activities: ['social'],
        eligibility: 'anyone',
        public: false,
        status: 'preparing',
      }),
    );

    const swc = DEMO_ORGANIZATIONS.socialWelfareCouncil.id;
    persist(Object.assign(new Coordinator(), { staffDisplayName: '第1層生活支援コーディネーター（市社協）', layer: 1, employerOrganizationId: swc, assignedFrom: '2022-04-01' }));
    for (const name of ['香南', '松島', '屋島', '女木', '男木']) {
      persist(
        Object.assign(new Coordinator(), {
          staffDisplayName: `第2層生活支援コーディネーター（${name}）`,
          layer: 2,
          districtIds: [(districts.get(name) as District).id],
          employerOrganizationId: swc,
          assignedFrom: '2022-04-01',
        }),
      );
    }

    persist(
      Object.assign(new Council(), {
        layer: 1,
        name: '高松市高齢者保健福祉・介護保険制度運営協議会',
        status: 'established',
        members: [{ organizationId: DEMO_ORGANIZATIONS.cityCommunityWelfare.id, role: '事務局' }, { organizationId: swc, role: '第1層生活支援コーディネーター' }],
      }),
    );
    for (const name of ['香南', '松島', '屋島', '女木']) {
      const district = districts.get(name) as District;
      const council = Object.assign(new Council(), {
        layer: 2,
        name: `${name}地区地域福祉ネットワーク会議`,
        districtId: district.id,
        establishedOn: name === '香南' ? '2016-06-01' : '2019-04-01',
        status: 'established',
        members: [{ role: '地域コミュニティ協議会' }, { role: '民生委員児童委員協議会' }, { organizationId: demoId(lg, 'district-swc', name), role: '地区社会福祉協議会' }],
      });
      persist(council);
      persist(
        Object.assign(new CouncilMeeting(), {
          council: council.id,
          heldOn: '2022-09-15',
          participantsCount: 18,
          issuesRaised: ['高齢の単身世帯でゴミ出しが難しい', '通いの場への移動手段がない'],
          actionsAgreed: ['訪問型サービスBの担い手募集チラシを回覧する', '移動支援の試行を次回検討する'],
        }),
      );
    }
    await tx.flush();
    recordDemoEvents(tx, created);
    return true;
  });
}

/** The events the demo records would have produced had staff entered them through the API. */
function recordDemoEvents(em: EntityManager, created: object[]): void {
  const outbox = new EventRecorder();
  const councils = new Map(created.filter((entity): entity is Council => entity instanceof Council).map((council) => [council.id, council]));
  for (const entity of created) {
    if (entity instanceof District) {
      outbox.record(em, DistrictRegistered, entity.id, districtEventData(entity));
    } else if (entity instanceof Organization) {
      outbox.record(em, OrganizationRegistered, entity.id, organizationEventData(entity));
    } else if (entity instanceof CommunityResource) {
      outbox.record(em, ResourceRegistered, entity.id, resourceEventData(entity));
      if (entity.status === 'active') outbox.record(em, ResourcePublished, entity.id, resourceEventData(entity));
    } else if (entity instanceof Coordinator) {
      outbox.record(em, CoordinatorAssigned, entity.id, coordinatorEventData(entity));
    } else if (entity instanceof Council) {
      outbox.record(em, CouncilEstablished, entity.id, councilEventData(entity));
    } else if (entity instanceof CouncilMeeting) {
      const council = councils.get(entity.council) as Council;
      outbox.record(em, CouncilMeetingHeld, council.id, councilMeetingEventData(council, entity));
    }
  }
}
