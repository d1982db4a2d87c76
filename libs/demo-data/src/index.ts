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
