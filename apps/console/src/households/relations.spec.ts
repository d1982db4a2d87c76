import { describe, expect, it } from 'vitest';
import { householdBody } from './HouseholdInputs';
import { tsunaguEn } from '../i18n/en';
import { tsunaguJa } from '../i18n/ja';
import { careRelations, personIdsOf, sentenceMarkers, sentenceParts, sentenceText, type CareRelation } from './relations';

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

/** The sentence of a relation as the console renders it, with the template of `messages` (polyglot-style interpolation). */
function sentence(messages: { tsunagu: { household: { sentence: Record<string, string> } } }, relation: Pick<CareRelation, 'kind'>, from: string, to: string): string {
  const template = messages.tsunagu.household.sentence[relation.kind];
  const translated = template.replace('%{from}', sentenceMarkers.from).replace('%{to}', sentenceMarkers.to);
  return sentenceText(sentenceParts(translated), { from, to }).replace(/\s+/g, ' ');
}

describe('care relation sentences (each kind, each direction)', () => {
  const ja = tsunaguJa as unknown as Parameters<typeof sentence>[0];
  const en = tsunaguEn as unknown as Parameters<typeof sentence>[0];

  it('has a sentence for every care-edge kind, naming both people once', () => {
    for (const messages of [ja, en]) {
      for (const kind of ['care', 'childcare', 'watching', 'financial-dependency']) {
        const template = messages.tsunagu.household.sentence[kind];
        expect(template.match(/%\{from\}/g)).toHaveLength(1);
        expect(template.match(/%\{to\}/g)).toHaveLength(1);
      }
    }
  });

  it('介護: the member cares for the other (the wife for her husband, not the reverse)', () => {
    expect(sentence(ja, { kind: 'care' }, '讃岐 ハナ', '讃岐 一郎')).toBe('讃岐 ハナ が 讃岐 一郎 を介護している');
    expect(sentence(ja, { kind: 'care' }, '讃岐 一郎', '讃岐 ハナ')).toBe('讃岐 一郎 が 讃岐 ハナ を介護している');
    expect(sentence(en, { kind: 'care' }, 'Hana', 'Ichiro')).toBe('Hana cares for Ichiro');
  });

  it('育児: the parent brings up the child', () => {
    expect(sentence(ja, { kind: 'childcare' }, '瀬戸 美和', '瀬戸 陽太')).toBe('瀬戸 美和 が 瀬戸 陽太 の育児をしている');
    expect(sentence(ja, { kind: 'childcare' }, '瀬戸 陽太', '瀬戸 美和')).toBe('瀬戸 陽太 が 瀬戸 美和 の育児をしている');
    expect(sentence(en, { kind: 'childcare' }, 'Miwa', 'Yota')).toBe('Miwa brings up Yota');
  });

  it('見守り: the member watches over the other', () => {
    expect(sentence(ja, { kind: 'watching' }, '叔母', '本人')).toBe('叔母 が 本人 を見守っている');
    expect(sentence(ja, { kind: 'watching' }, '本人', '叔母')).toBe('本人 が 叔母 を見守っている');
    expect(sentence(en, { kind: 'watching' }, 'Aunt', 'Taro')).toBe('Aunt watches over Taro');
  });

  it('経済的依存: the member depends on the other — the son on his father, never "the son supports the father"', () => {
    const [edge] = careRelations(EIGHTY_FIFTY).filter((relation) => relation.kind === 'financial-dependency');
    expect(edge).toMatchObject({ fromPersonId: 'son', toPersonId: 'father' });
    expect(sentence(ja, edge, '讃岐 健太', '讃岐 一郎')).toBe('讃岐 健太 は 讃岐 一郎 に経済的に依存している');
    expect(sentence(ja, edge, '讃岐 健太', '讃岐 一郎')).not.toMatch(/健太 が 讃岐 一郎 を支え/);
    expect(sentence(ja, { kind: 'financial-dependency' }, '讃岐 一郎', '讃岐 健太')).toBe('讃岐 一郎 は 讃岐 健太 に経済的に依存している');
    expect(sentence(en, edge, 'Kenta', 'Ichiro')).toBe('Kenta depends financially on Ichiro');
  });

  it('keeps the people in the order the language puts them', () => {
    const english = sentenceParts(`${sentenceMarkers.from} depends financially on ${sentenceMarkers.to}`);
    expect(english).toEqual([{ person: 'from' }, { text: ' depends financially on ' }, { person: 'to' }]);
    // A language that names the one depended on first still links each name to the right person.
    const reversed = sentenceParts(`${sentenceMarkers.to} supports ${sentenceMarkers.from}`);
    expect(sentenceText(reversed, { from: 'Kenta', to: 'Ichiro' })).toBe('Ichiro supports Kenta');
  });
});
