import {
  DEFAULT_WEIGHTS,
  HARD_CONSTRAINTS,
  PHYSICAL_LOAD_ORDER,
  SCORE_FACTORS,
  type HardConstraint,
  type MatchLabels,
  type MatchNeed,
  type MatchOpportunity,
  type MatchReason,
  type MatchWeights,
  type RankOptions,
  type RankResult,
  type ScoreFactor,
  type Suggestion,
} from './model';

/*
 * The matching engine: pure and deterministic (no clock, no randomness, no I/O). Hard constraints first —
 * each failing one is named by its code — then a weighted score whose factors each yield whole points
 * (weight × fraction, rounded), so the reasons always add up to the score exactly. Order: score descending,
 * then opportunity id ascending (code-unit order, independent of locale), a total order for unique ids.
 */

/** A need with its lists turned into sets once, so ranking 100,000 opportunities stays linear and cheap. */
interface PreparedNeed {
  need: MatchNeed;
  purposes: ReadonlySet<string>;
  interests: ReadonlySet<string>;
  availability: ReadonlySet<string>;
  reachable: ReadonlySet<string>;
  maxLoad: number;
}

const slotKey = (weekday: string, slot: string): string => `${weekday}:${slot}`;
const loadRank = (load: string): number => PHYSICAL_LOAD_ORDER.indexOf(load as (typeof PHYSICAL_LOAD_ORDER)[number]);

function prepare(need: MatchNeed): PreparedNeed {
  const reachable = new Set<string>(need.reachableDistrictIds);
  if (need.homeDistrictId) reachable.add(need.homeDistrictId);
  return {
    need,
    purposes: new Set(need.purposes),
    interests: new Set(need.interests),
    availability: new Set(need.availability.map((entry) => slotKey(entry.weekday, entry.slot))),
    reachable,
    maxLoad: need.maxPhysicalLoad === null ? PHYSICAL_LOAD_ORDER.length : loadRank(need.maxPhysicalLoad),
  };
}

function servesPurpose(prepared: PreparedNeed, opportunity: MatchOpportunity): boolean {
  for (const purpose of opportunity.purposes) if (prepared.purposes.has(purpose)) return true;
  return false;
}

/** Purposes both wanted by the person, served by the activity and (when there are host terms) accepted by the host. */
function acceptedPurposes(prepared: PreparedNeed, opportunity: MatchOpportunity): string[] {
  const accepts = opportunity.hostAccepts;
  return opportunity.purposes.filter((purpose) => prepared.purposes.has(purpose) && (accepts === null || accepts.includes(purpose)));
}

function withinReach(prepared: PreparedNeed, opportunity: MatchOpportunity): boolean {
  const { travelRange, homeDistrictId } = prepared.need;
  if (opportunity.districtId === null || travelRange === 'citywide') return true;
  if (travelRange === 'home-district') return homeDistrictId === null || opportunity.districtId === homeDistrictId;
  return prepared.reachable.size === 0 || prepared.reachable.has(opportunity.districtId);
}

function fitsSchedule(prepared: PreparedNeed, opportunity: MatchOpportunity): boolean {
  if (prepared.availability.size === 0 || opportunity.sessions.length === 0) return true;
  for (const session of opportunity.sessions) if (prepared.availability.has(slotKey(session.weekday, session.slot))) return true;
  return false;
}

function offersAccommodations(prepared: PreparedNeed, opportunity: MatchOpportunity): boolean {
  for (const needed of prepared.need.accommodations) if (!opportunity.accommodations.includes(needed)) return false;
  return true;
}

/** Calls `fail` for every hard constraint the opportunity violates, in HARD_CONSTRAINTS order; returns whether it passed. */
function checkConstraints(prepared: PreparedNeed, opportunity: MatchOpportunity, fail: ((constraint: HardConstraint) => void) | null): boolean {
  const { need } = prepared;
  let passed = true;
  const violate = (constraint: HardConstraint): void => {
    passed = false;
    fail?.(constraint);
  };
  if (!opportunity.active) violate('inactive');
  const serves = servesPurpose(prepared, opportunity);
  if (!serves) violate('purpose');
  else if (opportunity.hostAccepts !== null && acceptedPurposes(prepared, opportunity).length === 0) violate('host-accepts');
  if (!withinReach(prepared, opportunity)) violate('district');
  if (!fitsSchedule(prepared, opportunity)) violate('schedule');
  if (opportunity.seatsLeft !== null && opportunity.seatsLeft <= 0) violate('capacity');
  if (need.maxFee !== null && opportunity.fee > need.maxFee) violate('fee');
  if (loadRank(opportunity.physicalLoad) > prepared.maxLoad) violate('physical-load');
  if (need.maxGroupSize !== null && opportunity.groupSize !== null && opportunity.groupSize > need.maxGroupSize) violate('group-size');
  if (!offersAccommodations(prepared, opportunity)) violate('accommodation');
  return passed;
}

/** The hard constraints an opportunity violates for a need (empty: it may be suggested). */
export function violatedConstraints(need: MatchNeed, opportunity: MatchOpportunity): HardConstraint[] {
  const failed: HardConstraint[] = [];
  checkConstraints(prepare(need), opportunity, (constraint) => failed.push(constraint));
  return failed;
}

/** Fraction (0–1) each factor earns; the points are round(weight × fraction). */
function fractions(prepared: PreparedNeed, opportunity: MatchOpportunity): Record<ScoreFactor, number> {
  const { need } = prepared;
  const wanted = prepared.purposes.size;
  const purposeShare = wanted === 0 ? 0 : acceptedPurposes(prepared, opportunity).length / wanted;
  let sharedInterests = 0;
  if (prepared.interests.size > 0) for (const tag of new Set(opportunity.activityTags)) if (prepared.interests.has(tag)) sharedInterests += 1;
  const interest = prepared.interests.size === 0 ? 0 : sharedInterests / prepared.interests.size;
  let schedule = 0.5;
  if (prepared.availability.size > 0 && opportunity.sessions.length > 0) schedule = fitsSchedule(prepared, opportunity) ? 1 : 0;
  let proximity = 0.2;
  if (opportunity.districtId === null) proximity = 0.5;
  else if (opportunity.districtId === need.homeDistrictId) proximity = 1;
  else if (prepared.reachable.has(opportunity.districtId)) proximity = 0.6;
  const accommodation = need.accommodations.length > 0 ? 1 : Math.min(opportunity.accommodations.length, 3) / 3;
  let groupSize = 0.5;
  if (opportunity.groupSize !== null) groupSize = opportunity.groupSize <= 5 ? 1 : opportunity.groupSize <= 10 ? 0.7 : opportunity.groupSize <= 20 ? 0.4 : 0.1;
  const fee = opportunity.fee <= 0 ? 1 : Math.max(0, 1 - opportunity.fee / 1000);
  const seatsLeft = opportunity.seatsLeft === null ? 0.5 : Math.min(Math.max(opportunity.seatsLeft, 0), 5) / 5;
  return { purpose: purposeShare, interest, schedule, proximity, accommodation, 'group-size': groupSize, fee, 'seats-left': seatsLeft };
}

function pointsOf(weights: MatchWeights, factor: ScoreFactor, fraction: number): number {
  return Math.round(weights[factor] * fraction);
}

function scoreOf(prepared: PreparedNeed, opportunity: MatchOpportunity, weights: MatchWeights): number {
  const parts = fractions(prepared, opportunity);
  let score = 0;
  for (const factor of SCORE_FACTORS) score += pointsOf(weights, factor, parts[factor]);
  return score;
}

const label = (table: Readonly<Record<string, string>> | undefined, code: string): string => table?.[code] ?? code;
const joinLabels = (table: Readonly<Record<string, string>> | undefined, codes: readonly string[], max = 3): string => {
  const shown = codes.slice(0, max).map((code) => label(table, code));
  return codes.length > max ? `${shown.join('・')} ほか${codes.length - max}件` : shown.join('・');
};

function reasonText(prepared: PreparedNeed, opportunity: MatchOpportunity, factor: ScoreFactor, labels: MatchLabels): string {
  const { need } = prepared;
  switch (factor) {
    case 'purpose':
      return `目的: ${joinLabels(labels.purpose, acceptedPurposes(prepared, opportunity))}`;
    case 'interest': {
      const shared = [...new Set(opportunity.activityTags)].filter((tag) => prepared.interests.has(tag));
      return shared.length > 0 ? `関心: ${joinLabels(labels.tag, shared)}` : '関心との一致なし';
    }
    case 'schedule': {
      if (prepared.availability.size === 0) return '参加できる日時は未聴取';
      if (opportunity.sessions.length === 0) return '日時は受入先に要確認';
      const fitting = opportunity.sessions
        .filter((session) => prepared.availability.has(slotKey(session.weekday, session.slot)))
        .map((session) => `${label(labels.weekday, session.weekday)}曜${label(labels.timeSlot, session.slot)}`);
      return `${[...new Set(fitting)].slice(0, 3).join('・')}に参加可能`;
    }
    case 'proximity':
      if (opportunity.districtId === null) return '地区を問わない（市全域）';
      if (opportunity.districtId === need.homeDistrictId) return '自宅の地区内';
      if (prepared.reachable.has(opportunity.districtId)) return '近隣・希望の地区';
      return '市内の他の地区';
    case 'accommodation':
      if (need.accommodations.length > 0) return `必要な配慮あり: ${joinLabels(labels.accommodation, need.accommodations)}`;
      return opportunity.accommodations.length > 0 ? `配慮: ${joinLabels(labels.accommodation, opportunity.accommodations)}` : '配慮の登録なし';
    case 'group-size':
      return opportunity.groupSize === null ? '人数は未登録' : `参加人数 ${opportunity.groupSize}人程度`;
    case 'fee':
      return opportunity.fee <= 0 ? '参加費無料' : `参加費 ${opportunity.fee}円`;
    case 'seats-left':
      return opportunity.seatsLeft === null ? '定員の定めなし' : `空き ${opportunity.seatsLeft}人`;
  }
}

function suggestionOf(prepared: PreparedNeed, opportunity: MatchOpportunity, weights: MatchWeights, labels: MatchLabels): Suggestion {
  const parts = fractions(prepared, opportunity);
  const reasons: MatchReason[] = SCORE_FACTORS.map((factor) => ({ factor, points: pointsOf(weights, factor, parts[factor]), text: reasonText(prepared, opportunity, factor, labels) }));
  return { opportunityId: opportunity.id, score: reasons.reduce((sum, reason) => sum + reason.points, 0), reasons };
}

/** The total order of suggestions: higher score first, then smaller id. */
export function compareRanked(a: { score: number; id: string }, b: { score: number; id: string }): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Checks weights: every factor an integer 0–100. Returns the first offending factor's message, keyed by factor. */
export function weightErrors(weights: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const factor of SCORE_FACTORS) {
    const value = weights[factor];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) errors[factor] = 'must be an integer from 0 to 100';
  }
  for (const key of Object.keys(weights)) if (!(SCORE_FACTORS as readonly string[]).includes(key)) errors[key] = 'is not a scoring factor';
  return errors;
}

/**
 * Ranks opportunities for one need. Scores are computed for every passing opportunity; reasons only for
 * the returned suggestions (they are a pure function of need and opportunity, so nothing is lost).
 */
export function rank(need: MatchNeed, opportunities: readonly MatchOpportunity[], options: RankOptions = {}): RankResult {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const labels = options.labels ?? {};
  const prepared = prepare(need);
  const rejections = Object.fromEntries(HARD_CONSTRAINTS.map((constraint) => [constraint, 0])) as Record<HardConstraint, number>;
  const count = (constraint: HardConstraint): void => {
    rejections[constraint] += 1;
  };
  const ranked: { score: number; id: string; opportunity: MatchOpportunity }[] = [];
  for (const opportunity of opportunities) {
    if (checkConstraints(prepared, opportunity, count)) ranked.push({ score: scoreOf(prepared, opportunity, weights), id: opportunity.id, opportunity });
  }
  ranked.sort(compareRanked);
  const limit = options.limit === undefined ? ranked.length : Math.max(0, Math.floor(options.limit));
  const suggestions = ranked.slice(0, limit).map((entry) => suggestionOf(prepared, entry.opportunity, weights, labels));
  const failingConstraints = HARD_CONSTRAINTS.filter((constraint) => rejections[constraint] > 0).sort(
    (a, b) => rejections[b] - rejections[a] || HARD_CONSTRAINTS.indexOf(a) - HARD_CONSTRAINTS.indexOf(b),
  );
  return {
    suggestions,
    considered: opportunities.length,
    passed: ranked.length,
    rejections,
    gap: ranked.length === 0 ? { failingConstraints } : null,
  };
}
