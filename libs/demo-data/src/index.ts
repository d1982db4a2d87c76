import type { Role } from '@tsunagu/platform-context';

/**
 * Fixed identities of the demo installation (Takamatsu), shared by the registry's demo data and the
 * local identity provider so demo agency accounts point at organisations that exist. Never used in
 * production code paths.
 */
export const DEMO_MUNICIPALITY = { lgCode: '372013', name: '高松市', prefecture: '香川県' } as const;

/** A second municipality, used to show that one municipality never sees another's rows. */
export const OTHER_MUNICIPALITY = { lgCode: '372021', name: '丸亀市', prefecture: '香川県' } as const;

export interface DemoOrganization {
  id: string;
  name: string;
  kana: string;
  /** Organization type code (registry enum). */
  type: string;
}

export const DEMO_ORGANIZATIONS = {
  cityCommunityWelfare: {
    id: '01900000-0000-7000-8000-000000000001',
    name: '高松市 健康福祉局 地域共生社会推進課',
    kana: 'タカマツシ ケンコウフクシキョク チイキキョウセイシャカイスイシンカ',
    type: 'municipal-division',
  },
  socialWelfareCouncil: {
    id: '01900000-0000-7000-8000-000000000002',
    name: '社会福祉法人 高松市社会福祉協議会',
    kana: 'シャカイフクシホウジン タカマツシシャカイフクシキョウギカイ',
    type: 'municipal-swc',
  },
  communityCareCentre: {
    id: '01900000-0000-7000-8000-000000000003',
    name: '高松市地域包括支援センター',
    kana: 'タカマツシチイキホウカツシエンセンター',
    type: 'community-care-centre',
  },
  disabilityConsultation: {
    id: '01900000-0000-7000-8000-000000000004',
    name: '高松市障がい者相談支援事業所 つながり',
    kana: 'タカマツシショウガイシャソウダンシエンジギョウショ ツナガリ',
    type: 'disability-consultation',
  },
  selfRelianceSupport: {
    id: '01900000-0000-7000-8000-000000000005',
    name: '高松市生活自立支援センター',
    kana: 'タカマツシセイカツジリツシエンセンター',
    type: 'self-reliance-support',
  },
  childFamilyCentre: {
    id: '01900000-0000-7000-8000-000000000006',
    name: '高松市こども家庭センター',
    kana: 'タカマツシコドモカテイセンター',
    type: 'child-family-centre',
  },
} as const satisfies Record<string, DemoOrganization>;

/** A demo staff user of the local idp; the same names fill intake's demo staff directory (職員名簿). */
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

