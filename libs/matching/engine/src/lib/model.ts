/**
 * What the matching engine ranks. Plain data, codes only (the service maps its entities onto these):
 * purposes, weekdays, time slots, tags and accommodations are the codes of `@tsunagu/contracts`
 * (PARTICIPATION_PURPOSES, WEEKDAYS, TIME_SLOTS, ACCOMMODATIONS), but the engine does not depend on them.
 */

/** One weekday × time slot, e.g. { weekday: 'tu', slot: 'morning' } (火曜午前). */
export interface WeeklySlot {
  weekday: string;
  slot: string;
}

/** Travel range: only the home district, home + neighbouring/preferred districts, or anywhere in the city. */
export type TravelRange = 'home-district' | 'nearby-districts' | 'citywide';

/** Physical load in increasing order. */
export const PHYSICAL_LOAD_ORDER = ['light', 'moderate', 'heavy'] as const;
export type PhysicalLoad = (typeof PHYSICAL_LOAD_ORDER)[number];

/** A person's participation need (参加ニーズ) as the engine sees it. */
export interface MatchNeed {
  /** Purposes wanted (at least one must be served). */
  purposes: readonly string[];
  /** Interest tags (関心), matched against an opportunity's activity tags. */
  interests: readonly string[];
  homeDistrictId: string | null;
  /** Neighbouring and preferred districts the person can reach (nearby-districts). */
  reachableDistrictIds: readonly string[];
  travelRange: TravelRange;
  /** When the person can take part; empty = not yet heard, no filter. */
  availability: readonly WeeklySlot[];
  /** The heaviest activity their health allows (体調); null = no limit. */
  maxPhysicalLoad: PhysicalLoad | null;
  /** Social anxiety (対人不安): the largest group they can join; null = no limit. */
  maxGroupSize: number | null;
  /** Reasonable accommodations (合理的配慮) that must be offered. */
  accommodations: readonly string[];
  /** Most they can pay per session in yen; null = no limit. */
  maxFee: number | null;
}

/** A place, role or activity (community resource or host menu) the person could join. */
export interface MatchOpportunity {
  /** Unique, and the tie-breaker of the ranking. */
  id: string;
  /** False when suspended, closed or the host's agreement is suspended. */
  active: boolean;
  /** Purposes the activity serves. */
  purposes: readonly string[];
  /** Purposes the host accepts people for; null when there are no host terms (a plain community resource). */
  hostAccepts: readonly string[] | null;
  activityTags: readonly string[];
  /** When it runs; empty = schedule unknown (to be confirmed with the host, never filtered out). */
  sessions: readonly WeeklySlot[];
  /** Seats left; null = no fixed capacity. */
  seatsLeft: number | null;
  /** Where it takes place; null = anywhere / citywide. */
  districtId: string | null;
  /** Fee per session in yen (0 = free). */
  fee: number;
  accommodations: readonly string[];
  physicalLoad: PhysicalLoad;
  /** Usual number of participants; null = unknown. */
  groupSize: number | null;
}

/** Hard constraints: an opportunity failing one is never suggested; the codes are GAP_CONSTRAINTS in contracts. */
export const HARD_CONSTRAINTS = ['inactive', 'purpose', 'host-accepts', 'district', 'schedule', 'capacity', 'fee', 'physical-load', 'group-size', 'accommodation'] as const;
export type HardConstraint = (typeof HARD_CONSTRAINTS)[number];

/** Scoring factors, in the order reasons are listed; the codes are SCORE_FACTORS in contracts. */
export const SCORE_FACTORS = ['purpose', 'interest', 'schedule', 'proximity', 'accommodation', 'group-size', 'fee', 'seats-left'] as const;
export type ScoreFactor = (typeof SCORE_FACTORS)[number];

/** Maximum points of each factor (integers 0–100), set per municipality. */
export type MatchWeights = Readonly<Record<ScoreFactor, number>>;

export const DEFAULT_WEIGHTS: MatchWeights = {
  purpose: 30,
  interest: 25,
  schedule: 15,
  proximity: 12,
  accommodation: 6,
  'group-size': 5,
  fee: 4,
  'seats-left': 3,
};

/** Japanese labels of codes used in reason texts; a code without a label is shown as itself. */
export interface MatchLabels {
  purpose?: Readonly<Record<string, string>>;
  weekday?: Readonly<Record<string, string>>;
  timeSlot?: Readonly<Record<string, string>>;
  tag?: Readonly<Record<string, string>>;
  accommodation?: Readonly<Record<string, string>>;
}

/** One factor's contribution: the points always add up to the suggestion's score. */
export interface MatchReason {
  factor: ScoreFactor;
  points: number;
  /** Japanese explanation, e.g. 「火曜午前に参加可能」「自宅の地区内」「関心: 園芸」. */
  text: string;
}

export interface Suggestion {
  opportunityId: string;
  score: number;
  reasons: MatchReason[];
}

export interface RankOptions {
  weights?: MatchWeights;
  labels?: MatchLabels;
  /** How many suggestions to return (default all that pass). */
  limit?: number;
}

export interface RankResult {
  /** Best first; ties broken by opportunity id. */
  suggestions: Suggestion[];
  /** Opportunities looked at. */
  considered: number;
  /** Opportunities that passed every hard constraint. */
  passed: number;
  /** How many opportunities each hard constraint removed (one opportunity can fail several). */
  rejections: Record<HardConstraint, number>;
  /** When nothing passed: a menu gap, with the failing constraints most frequent first (empty when there was nothing to consider). */
  gap: { failingConstraints: HardConstraint[] } | null;
}
