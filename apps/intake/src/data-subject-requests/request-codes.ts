/*
 * 保有個人情報の開示・訂正・利用停止請求 (個人情報保護法 76条・90条・98条) as the city's privacy officer records them.
 * Codes only in this file; labels are Japanese as the officer's notices print them.
 */

export const REQUEST_KINDS = ['disclosure', 'correction', 'suspension'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  disclosure: '開示請求',
  correction: '訂正請求',
  suspension: '利用停止請求',
};
/** Prefix of the request number (the pack's file name is the request number only: ASCII, no personal data). */
export const REQUEST_NO_PREFIX: Record<RequestKind, string> = {
  disclosure: 'D',
  correction: 'C',
  suspension: 'S',
};

/** 受付 → 決定 (開示/一部開示 or 承認/一部承認) → 開示済 / 実施済, or 受付 → 不開示 / 却下. */
export const REQUEST_STATUSES = ['received', 'decided', 'completed', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  received: '受付',
  decided: '決定',
  completed: '開示済・実施済',
  refused: '不開示・却下',
};

/** 開示決定 (法82条): 全部開示, 一部開示, 不開示; 訂正・利用停止決定: 承認, 一部承認, 却下 — one code list for both. */
export const REQUEST_DECISIONS = ['granted', 'partially-granted', 'refused'] as const;
export type RequestDecision = (typeof REQUEST_DECISIONS)[number];
export const REQUEST_DECISION_LABELS: Record<RequestKind, Record<RequestDecision, string>> = {
  disclosure: {
    granted: '全部開示',
    'partially-granted': '一部開示',
    refused: '不開示',
  },
  correction: {
    granted: '訂正する（承認）',
    'partially-granted': '一部訂正する（一部承認）',
    refused: '訂正しない（却下）',
  },
  suspension: {
    granted: '利用停止する（承認）',
    'partially-granted': '一部利用停止する（一部承認）',
    refused: '利用停止しない（却下）',
  },
};

/** Who made the request (法76条2項: 本人, 法定代理人, 本人の委任による代理人). */
export const REQUESTER_RELATIONS = ['self', 'legal-representative', 'delegated-agent'] as const;
export type RequesterRelation = (typeof REQUESTER_RELATIONS)[number];
export const REQUESTER_RELATION_LABELS: Record<RequesterRelation, string> = {
  self: '本人',
  'legal-representative': '法定代理人',
  'delegated-agent': '任意代理人（委任）',
};

/** How the requester's identity was verified (法77条2項, 施行令22条): the document shown, never its number. */
export const IDENTITY_VERIFICATIONS = ['my-number-card', 'driver-license', 'passport', 'residence-card', 'health-insurance-card', 'other-document', 'postal-certified-copy'] as const;
export type IdentityVerification = (typeof IDENTITY_VERIFICATIONS)[number];
export const IDENTITY_VERIFICATION_LABELS: Record<IdentityVerification, string> = {
  'my-number-card': '個人番号カード（番号は記録しない）',
  'driver-license': '運転免許証',
  passport: '旅券',
  'residence-card': '在留カード',
  'health-insurance-card': '健康保険の資格確認書等',
  'other-document': 'その他の書類',
  'postal-certified-copy': '送付請求（写し＋住民票）',
};

/** 不開示情報 (法78条1項) the officer names in a partial or refused decision. */
export const ARTICLE_78_GROUNDS = ['78-1-1', '78-1-2', '78-1-3', '78-1-7'] as const;
export type Article78Ground = (typeof ARTICLE_78_GROUNDS)[number];
export const ARTICLE_78_GROUND_LABELS: Record<Article78Ground, string> = {
  '78-1-1': '本人の生命、健康、生活又は財産を害するおそれがある情報（1号）',
  '78-1-2': '開示請求者以外の個人に関する情報（2号）',
  '78-1-3': '法人その他の団体に関する情報（3号）',
  '78-1-7': '事務又は事業の適正な遂行に支障を及ぼすおそれがある情報（7号）',
};

/** 開示決定等の期限 (条例: 請求があった日から15日以内; 法83条2項に倣い30日以内の延長が一回). */
export const DECISION_DAYS = 15;
export const EXTENSION_DAYS = 30;

/** Person fields a 訂正請求 may change: the person's own identifying fields, through the normal update path. */
export const CORRECTABLE_FIELDS = ['familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'aliasName', 'formerName', 'birthDate', 'sex', 'address', 'phones', 'email'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
