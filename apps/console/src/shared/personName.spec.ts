import { describe, expect, it } from 'vitest';
import { personNameState } from './personName';

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
