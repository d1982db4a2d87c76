import { describe, expect, it } from 'vitest';
import { householdChoiceText, personChoiceText, personNameState } from './personName';

describe('personNameState', () => {
  const base = { personId: 'p1', canRead: true, isPending: false, record: undefined };

  it('shows nothing to roles that may not read persons, and nothing while the page of names loads', () => {
    expect(personNameState({ ...base, canRead: false, record: { familyName: '讃岐' } })).toEqual({ kind: 'hidden' });
    expect(personNameState({ ...base, isPending: true })).toEqual({ kind: 'pending' });
  });

  it('names the person by 氏名, else by the kana', () => {
    expect(personNameState({ ...base, record: { familyName: '讃岐', givenName: '一郎', familyNameKana: 'サヌキ' } })).toEqual({ kind: 'name', text: '讃岐 一郎' });
    expect(personNameState({ ...base, record: { familyName: null, givenName: null, familyNameKana: 'サヌキ', givenNameKana: 'イチロウ' } })).toEqual({ kind: 'name', text: 'サヌキ イチロウ' });
  });

  it('says withheld (not an error) when the desk may not see the person, and none when the row has no person', () => {
    expect(personNameState(base)).toEqual({ kind: 'withheld' });
    expect(personNameState({ ...base, record: { familyName: '', givenName: null } })).toEqual({ kind: 'withheld' });
    expect(personNameState({ ...base, personId: null })).toEqual({ kind: 'none' });
    expect(personNameState({ ...base, personId: '', canRead: true })).toEqual({ kind: 'none' });
  });
});

describe('personChoiceText', () => {
  const birth = (iso: string) => `生${iso}`;

  it('offers 氏名（ふりがな）・生年月日 so two people of the same name can be told apart', () => {
    const first = personChoiceText({ familyName: '佐藤', givenName: '花子', familyNameKana: 'サトウ', givenNameKana: 'ハナコ', birthDate: '1950-04-01' }, birth);
    const second = personChoiceText({ familyName: '佐藤', givenName: '花子', familyNameKana: 'サトウ', givenNameKana: 'ハナコ', birthDate: '1988-12-24' }, birth);
    expect(first).toBe('佐藤 花子（サトウ ハナコ）・生1950-04-01');
    expect(second).not.toBe(first);
  });

  it('leaves out what is not known, never 「undefined」 or empty brackets', () => {
    expect(personChoiceText({ familyNameKana: 'サトウ', givenNameKana: null }, birth)).toBe('サトウ');
    expect(personChoiceText({ familyName: '佐藤', birthDate: null }, birth)).toBe('佐藤');
    expect(personChoiceText({ familyName: '佐藤', givenName: '一郎', familyNameKana: 'サトウ' }, birth)).toBe('佐藤 一郎（サトウ）');
  });
});

describe('householdChoiceText', () => {
  it('names the household and its number of members', () => {
    expect(householdChoiceText({ label: '讃岐家', members: [{}, {}] }, (count) => `${count}人`)).toBe('讃岐家（2人）');
    expect(householdChoiceText({ label: '讃岐家', members: [] }, (count) => `${count}人`)).toBe('讃岐家');
  });
});
