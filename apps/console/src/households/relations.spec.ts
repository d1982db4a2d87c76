import { describe, expect, it } from 'vitest';
import { householdBody } from './HouseholdInputs';
import { careRelations, personIdsOf } from './relations';

const EIGHTY_FIFTY = [
  { personId: 'father', relationToKey: 'self' },
  { personId: 'mother', relationToKey: 'spouse', mainCarer: true, careEdges: [{ toPersonId: 'father', kind: 'care' }] },
  { personId: 'son', relationToKey: 'child', careEdges: [{ toPersonId: 'father', kind: 'financial-dependency' }] },
];

describe('careRelations', () => {
  it('lists who cares for whom, carer by carer', () => {
    expect(careRelations(EIGHTY_FIFTY)).toEqual([
      { fromPersonId: 'mother', toPersonId: 'father', kind: 'care', youngCarer: false },
      { fromPersonId: 'son', toPersonId: 'father', kind: 'financial-dependency', youngCarer: false },
    ]);
    expect(careRelations(undefined)).toEqual([]);
  });

  it('marks a minor who cares for someone as a young carer (not a child who depends on a parent)', () => {
    const youngCarer = [
      { personId: 'mother', relationToKey: 'self' },
      { personId: 'daughter', relationToKey: 'child', isMinor: true, careEdges: [{ toPersonId: 'mother', kind: 'care' }, { toPersonId: 'mother', kind: 'financial-dependency' }] },
    ];
    expect(careRelations(youngCarer).map((relation) => relation.youngCarer)).toEqual([true, false]);
  });

  it('collects every person a relation names, members first', () => {
    expect(personIdsOf([...EIGHTY_FIFTY, { personId: 'aunt', relationToKey: 'other-relative', careEdges: [{ toPersonId: 'outside', kind: 'watching' }] }])).toEqual(['father', 'mother', 'son', 'aunt', 'outside']);
  });
});

describe('householdBody', () => {
  it('sends members without the derived isMinor, and an empty care edge list where none was entered', () => {
    expect(householdBody({ label: '讃岐家', members: [{ personId: 'a', relationToKey: 'self', isMinor: false }, { personId: 'b', relationToKey: 'child', careEdges: [{ toPersonId: 'a', kind: 'care' }] }] })).toEqual({
      label: '讃岐家',
      members: [
        { personId: 'a', relationToKey: 'self', careEdges: [] },
        { personId: 'b', relationToKey: 'child', careEdges: [{ toPersonId: 'a', kind: 'care' }] },
      ],
    });
    expect(householdBody({ label: 'x' })).toEqual({ label: 'x' });
  });
});
