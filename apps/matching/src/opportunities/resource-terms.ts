import { RESOURCE_CATEGORY_LABELS, type MenuStatus, type ParticipationPurpose, type PhysicalLoad, type ResourceCategory, type ResourceStatus } from '@tsunagu/contracts';

interface ResourceTerms {
  purposes: ParticipationPurpose[];
  activityTags: string[];
  physicalLoad: PhysicalLoad;
}

/**
 * What a registry resource category offers a person looking for participation (参加支援): a place to be
 * (居場所), a role as a volunteer (訪問型サービスB supporters, 見守り, 配食 …), exercise and company.
 * Events carry only the category, so this is the starting point; staff and hosts refine the terms.
 */
const TERMS: Record<ResourceCategory, ResourceTerms> = {
  'visit-type-a': { purposes: ['work-experience'], activityTags: ['家事援助'], physicalLoad: 'moderate' },
  'visit-type-b': { purposes: ['role-volunteer'], activityTags: ['ゴミ出し', '草抜き', '掃除', '買い物代行'], physicalLoad: 'moderate' },
  'visit-type-c': { purposes: ['ibasho'], activityTags: ['体操・運動'], physicalLoad: 'light' },
  'visit-type-d': { purposes: ['role-volunteer'], activityTags: ['移動支援', '運転'], physicalLoad: 'light' },
  'day-type-a': { purposes: ['ibasho', 'hobby-social'], activityTags: ['体操・運動', '交流活動'], physicalLoad: 'light' },
  'day-type-b': { purposes: ['ibasho', 'hobby-social', 'role-volunteer'], activityTags: ['体操・運動', '趣味活動', '交流活動'], physicalLoad: 'light' },
  'day-type-c': { purposes: ['ibasho'], activityTags: ['体操・運動'], physicalLoad: 'moderate' },
  'gathering-place': { purposes: ['ibasho', 'hobby-social'], activityTags: ['体操・運動', '交流活動'], physicalLoad: 'light' },
  salon: { purposes: ['ibasho', 'hobby-social'], activityTags: ['交流活動', 'お茶会'], physicalLoad: 'light' },
  'kodomo-shokudo': { purposes: ['role-volunteer', 'ibasho'], activityTags: ['料理', '食事', '子ども'], physicalLoad: 'moderate' },
  ibasho: { purposes: ['ibasho', 'hobby-social'], activityTags: ['交流活動'], physicalLoad: 'light' },
  watching: { purposes: ['role-volunteer'], activityTags: ['見守り', '交流活動'], physicalLoad: 'light' },
  'meal-delivery': { purposes: ['role-volunteer', 'work-experience'], activityTags: ['配食', '料理'], physicalLoad: 'moderate' },
  'mobility-shopping': { purposes: ['role-volunteer'], activityTags: ['買い物代行', '移動支援'], physicalLoad: 'moderate' },
  'membership-mutual-aid': { purposes: ['role-volunteer'], activityTags: ['ゴミ出し', '草抜き', '掃除'], physicalLoad: 'moderate' },
  'childcare-support': { purposes: ['role-volunteer'], activityTags: ['子ども', '子育て支援'], physicalLoad: 'moderate' },
  'talent-bank': { purposes: ['role-volunteer', 'work-experience'], activityTags: ['特技を活かす'], physicalLoad: 'light' },
  other: { purposes: ['hobby-social'], activityTags: [], physicalLoad: 'light' },
};

export function resourceTerms(category: ResourceCategory): ResourceTerms {
  const terms = TERMS[category];
  return { purposes: [...terms.purposes], activityTags: [...terms.activityTags], physicalLoad: terms.physicalLoad };
}

/** Title of a resource's opportunity until someone names it: the category label (names stay in the registry). */
export function resourceTitle(category: ResourceCategory): string {
  return `${RESOURCE_CATEGORY_LABELS[category]}（地域資源）`;
}

/** 実施中 and public → 公開; 休止 → 休止; 廃止 → 終了; 準備中 (or not public) → 準備中. */
export function menuStatusOfResource(status: ResourceStatus, isPublic: boolean): MenuStatus {
  if (status === 'retired') return 'ended';
  if (status === 'suspended') return 'suspended';
  if (status === 'active' && isPublic) return 'published';
  return 'preparing';
}
