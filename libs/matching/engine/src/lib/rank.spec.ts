import fc from 'fast-check';
import { DEFAULT_WEIGHTS, HARD_CONSTRAINTS, SCORE_FACTORS, type MatchNeed, type MatchOpportunity, type MatchWeights } from './model';
import { rank, violatedConstraints, weightErrors } from './rank';

const HOME = 'd-home';
const NEAR = 'd-near';
const FAR = 'd-far';
const labels = {
  purpose: { ibasho: '居場所', 'role-volunteer': '役割・ボランティア' },
  weekday: { tu: '火', th: '木' },
  timeSlot: { morning: '午前', afternoon: '午後' },
  tag: { gardening: '園芸', cooking: '料理' },
  accommodation: { 'small-group': '少人数' },
};

function need(overrides: Partial<MatchNeed> = {}): MatchNeed {
  return {
    purposes: ['ibasho', 'role-volunteer'],
    interests: ['gardening'],
    homeDistrictId: HOME,
    reachableDistrictIds: [NEAR],
    travelRange: 'nearby-districts',
    availability: [{ weekday: 'tu', slot: 'morning' }],
    maxPhysicalLoad: 'moderate',
    maxGroupSize: 10,
    accommodations: ['small-group'],
    maxFee: 500,
    ...overrides,
  };
}

function opportunity(id: string, overrides: Partial<MatchOpportunity> = {}): MatchOpportunity {
  return {
    id,
    active: true,
    purposes: ['role-volunteer'],
    hostAccepts: ['role-volunteer', 'ibasho'],
    activityTags: ['gardening'],
    sessions: [{ weekday: 'tu', slot: 'morning' }],
    seatsLeft: 3,
    districtId: HOME,
    fee: 0,
    accommodations: ['small-group'],
    physicalLoad: 'light',
    groupSize: 5,
    ...overrides,
  };
}

describe('rank (examples)', () => {
  it('explains a good match in Japanese, factor by factor, and the reasons add up to the score', () => {
    const result = rank(need(), [opportunity('a')], { labels });
    const [suggestion] = result.suggestions;
    const texts = suggestion.reasons.map((reason) => reason.text);
    expect(texts).toEqual(expect.arrayContaining(['目的: 役割・ボランティア', '関心: 園芸', '火曜午前に参加可能', '自宅の地区内', '必要な配慮あり: 少人数', '参加費無料']));
    expect(suggestion.reasons.map((reason) => reason.factor)).toEqual([...SCORE_FACTORS]);
    expect(suggestion.score).toBe(suggestion.reasons.reduce((sum, reason) => sum + reason.points, 0));
    // Half the purposes (1 of 2) gives half the purpose weight; everything else is full or fixed.
    expect(suggestion.reasons.find((reason) => reason.factor === 'purpose')?.points).toBe(15);
  });

  it('names every failing hard constraint and reports a menu gap when nothing passes', () => {
    const bad = opportunity('x', {
      active: false,
      districtId: FAR,
      sessions: [{ weekday: 'th', slot: 'afternoon' }],
      seatsLeft: 0,
      fee: 800,
      physicalLoad: 'heavy',
      groupSize: 30,
      accommodations: [],
    });
    expect(violatedConstraints(need(), bad)).toEqual(['inactive', 'district', 'schedule', 'capacity', 'fee', 'physical-load', 'group-size', 'accommodation']);
    expect(violatedConstraints(need(), opportunity('p', { purposes: ['employment'] }))).toEqual(['purpose']);
    expect(violatedConstraints(need(), opportunity('h', { hostAccepts: ['employment'] }))).toEqual(['host-accepts']);
    const result = rank(need(), [bad, opportunity('y', { sessions: [{ weekday: 'th', slot: 'morning' }] })]);
    expect(result.suggestions).toEqual([]);
    expect(result.passed).toBe(0);
    expect(result.gap?.failingConstraints[0]).toBe('schedule');
    expect(result.rejections.schedule).toBe(2);
    expect(rank(need(), []).gap).toEqual({ failingConstraints: [] });
  });

  it('keeps an opportunity with an unknown schedule, but scores it below a confirmed time', () => {
    const result = rank(need(), [opportunity('unknown', { sessions: [] }), opportunity('known')], { labels });
    expect(result.suggestions.map((s) => s.opportunityId)).toEqual(['known', 'unknown']);
    expect(result.suggestions[1].reasons.find((reason) => reason.factor === 'schedule')?.text).toBe('日時は受入先に要確認');
  });

  it('ranks by the municipality weights, ties broken by id', () => {
    const near = opportunity('b-near', { districtId: NEAR, activityTags: ['gardening'] });
    const home = opportunity('a-home', { activityTags: [] });
    const interestHeavy: MatchWeights = { ...DEFAULT_WEIGHTS, interest: 100, proximity: 0 };
    const proximityHeavy: MatchWeights = { ...DEFAULT_WEIGHTS, interest: 0, proximity: 100 };
    expect(rank(need(), [home, near], { weights: interestHeavy }).suggestions[0].opportunityId).toBe('b-near');
    expect(rank(need(), [home, near], { weights: proximityHeavy }).suggestions[0].opportunityId).toBe('a-home');
    const twins = rank(need(), [opportunity('c'), opportunity('a'), opportunity('b')]);
    expect(twins.suggestions.map((s) => s.opportunityId)).toEqual(['a', 'b', 'c']);
    expect(rank(need(), [opportunity('c'), opportunity('a')], { limit: 1 }).suggestions.map((s) => s.opportunityId)).toEqual(['a']);
  });

  it('checks weights', () => {
    expect(weightErrors({ ...DEFAULT_WEIGHTS })).toEqual({});
    expect(weightErrors({ ...DEFAULT_WEIGHTS, fee: 101, interest: 1.5, colour: 3 })).toEqual({ fee: expect.any(String), interest: expect.any(String), colour: expect.any(String) });
  });
});

// ---- property-based ----

const DISTRICTS = ['d1', 'd2', 'd3', 'd4'];
const PURPOSES = ['ibasho', 'role-volunteer', 'work-experience', 'employment', 'learning'];
const TAGS = ['gardening', 'cooking', 'cafe', 'exercise', 'crafts'];
const ACCOMMODATIONS = ['quiet-space', 'small-group', 'transport', 'companion'];
const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
const SLOTS = ['morning', 'afternoon', 'evening'];
const LOADS = ['light', 'moderate', 'heavy'] as const;

const slotArb = fc.record({ weekday: fc.constantFrom(...WEEKDAYS), slot: fc.constantFrom(...SLOTS) });
const subset = <T>(values: readonly T[], minLength = 0) => fc.uniqueArray(fc.constantFrom(...values), { minLength, maxLength: values.length });

const needArb: fc.Arbitrary<MatchNeed> = fc.record({
  purposes: subset(PURPOSES, 1),
  interests: subset(TAGS),
  homeDistrictId: fc.option(fc.constantFrom(...DISTRICTS), { nil: null }),
  reachableDistrictIds: subset(DISTRICTS),
  travelRange: fc.constantFrom('home-district', 'nearby-districts', 'citywide'),
  availability: fc.array(slotArb, { maxLength: 6 }),
  maxPhysicalLoad: fc.option(fc.constantFrom(...LOADS), { nil: null }),
  maxGroupSize: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  accommodations: subset(ACCOMMODATIONS).map((list) => list.slice(0, 2)),
  maxFee: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
});

const opportunityFields = fc.record({
  active: fc.boolean(),
  purposes: subset(PURPOSES, 1),
  hostAccepts: fc.option(subset(PURPOSES), { nil: null }),
  activityTags: subset(TAGS),
  sessions: fc.array(slotArb, { maxLength: 4 }),
  seatsLeft: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  districtId: fc.option(fc.constantFrom(...DISTRICTS), { nil: null }),
  fee: fc.integer({ min: 0, max: 1500 }),
  accommodations: subset(ACCOMMODATIONS),
  physicalLoad: fc.constantFrom(...LOADS),
  groupSize: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
});

const opportunitiesArb: fc.Arbitrary<MatchOpportunity[]> = fc
  .array(opportunityFields, { maxLength: 40 })
  .map((list) => list.map((fields, index) => ({ id: `o-${String(index).padStart(3, '0')}`, ...fields })));

const weightsArb: fc.Arbitrary<MatchWeights> = fc.record(Object.fromEntries(SCORE_FACTORS.map((factor) => [factor, fc.integer({ min: 0, max: 100 })])) as Record<keyof MatchWeights, fc.Arbitrary<number>>);

/** Independent statement of each hard constraint, checked against every suggestion. */
function satisfiesEverything(n: MatchNeed, o: MatchOpportunity): boolean {
  const wanted = o.purposes.filter((p) => n.purposes.includes(p));
  const accepted = o.hostAccepts === null ? wanted : wanted.filter((p) => o.hostAccepts?.includes(p));
  const reach = new Set([...n.reachableDistrictIds, ...(n.homeDistrictId ? [n.homeDistrictId] : [])]);
  const districtOk =
    o.districtId === null ||
    n.travelRange === 'citywide' ||
    (n.travelRange === 'home-district' ? n.homeDistrictId === null || n.homeDistrictId === o.districtId : reach.size === 0 || reach.has(o.districtId));
  const scheduleOk = n.availability.length === 0 || o.sessions.length === 0 || o.sessions.some((s) => n.availability.some((a) => a.weekday === s.weekday && a.slot === s.slot));
  return (
    o.active &&
    accepted.length > 0 &&
    districtOk &&
    scheduleOk &&
    (o.seatsLeft === null || o.seatsLeft > 0) &&
    (n.maxFee === null || o.fee <= n.maxFee) &&
    (n.maxPhysicalLoad === null || LOADS.indexOf(o.physicalLoad) <= LOADS.indexOf(n.maxPhysicalLoad)) &&
    (n.maxGroupSize === null || o.groupSize === null || o.groupSize <= n.maxGroupSize) &&
    n.accommodations.every((a) => o.accommodations.includes(a))
  );
}

describe('rank (properties)', () => {
  const runs = { numRuns: 300 };

  it('never suggests an opportunity that violates a hard constraint, and suggests every one that does not', () => {
    fc.assert(
      fc.property(needArb, opportunitiesArb, (n, list) => {
        const result = rank(n, list);
        const byId = new Map(list.map((o) => [o.id, o]));
        for (const suggestion of result.suggestions) expect(satisfiesEverything(n, byId.get(suggestion.opportunityId) as MatchOpportunity)).toBe(true);
        expect(result.passed).toBe(list.filter((o) => satisfiesEverything(n, o)).length);
        for (const o of list) expect(violatedConstraints(n, o).length === 0).toBe(satisfiesEverything(n, o));
        for (const constraint of HARD_CONSTRAINTS) expect(result.rejections[constraint]).toBe(list.filter((o) => violatedConstraints(n, o).includes(constraint)).length);
      }),
      runs,
    );
  });

  it('reasons always sum to the score, one reason per factor, each within its weight', () => {
    fc.assert(
      fc.property(needArb, opportunitiesArb, weightsArb, (n, list, weights) => {
        for (const suggestion of rank(n, list, { weights }).suggestions) {
          expect(suggestion.reasons.map((r) => r.factor)).toEqual([...SCORE_FACTORS]);
          expect(suggestion.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(suggestion.score);
          for (const reason of suggestion.reasons) {
            expect(reason.points).toBeGreaterThanOrEqual(0);
            expect(reason.points).toBeLessThanOrEqual(weights[reason.factor]);
            expect(reason.text.length).toBeGreaterThan(0);
          }
        }
      }),
      runs,
    );
  });

  it('is deterministic and ordered: same input, same ranking; score descending, ties by id', () => {
    fc.assert(
      fc.property(needArb, opportunitiesArb, weightsArb, (n, list, weights) => {
        const first = rank(n, list, { weights });
        expect(rank(n, list, { weights })).toEqual(first);
        for (let i = 1; i < first.suggestions.length; i += 1) {
          const [a, b] = [first.suggestions[i - 1], first.suggestions[i]];
          expect(a.score > b.score || (a.score === b.score && a.opportunityId < b.opportunityId)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('gives the same ranking for any permutation of the opportunities', () => {
    fc.assert(
      fc.property(
        needArb,
        opportunitiesArb.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        (n, [list, shuffled]) => {
          expect(rank(n, shuffled)).toEqual(rank(n, list));
        },
      ),
      runs,
    );
  });

  it('the limit returns a prefix of the full ranking', () => {
    fc.assert(
      fc.property(needArb, opportunitiesArb, fc.nat(10), (n, list, limit) => {
        expect(rank(n, list, { limit }).suggestions).toEqual(rank(n, list).suggestions.slice(0, limit));
      }),
      runs,
    );
  });
});
