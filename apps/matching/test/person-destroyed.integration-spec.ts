import { PersonDestroyed, type PersonDestroyedEventData } from '@tsunagu/contracts';
import { asSystem } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { eventually, expectProblem, needBody, startMatching, type MatchingUnderTest } from './matching-app';

const NOTES = '廃棄標識：人の多い場所が苦手';
const INTEREST = '廃棄標識の趣味';
const MARKERS = [NOTES, INTEREST, '廃棄標識'];

/**
 * When intake destroys a person past their retention period (person.destroyed, after a city supervisor's approval),
 * matching destroys its copies as the rule says — erased or deleted — forgets the person, and logs it without personal data.
 */
describe('matching: person.destroyed erases or deletes the copies and logs it', () => {
  let matching: MatchingUnderTest;
  const needs: Record<string, string> = {};
  const people: Record<string, string> = {};

  const destroyedData = (personId: string, action: 'erase' | 'delete'): PersonDestroyedEventData => ({
    personId,
    action,
    ruleId: uuidv7(),
    ruleVersion: 1,
    batchId: uuidv7(),
    approvedBy: 'city-sv',
    destroyedAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    matching = await startMatching();
    for (const key of ['erased', 'deleted', 'kept']) {
      people[key] = await matching.knownPerson();
      // Registered with an Idempotency-Key: the stored response carries the notes until the person is destroyed.
      const headers = { 'idempotency-key': `destroyed-${key}` };
      const need = await matching.call('POST', '/needs', { body: needBody(people[key], { notes: NOTES, interests: [INTEREST, '園芸'] }), headers });
      expect(need.status).toBe(201);
      needs[key] = need.body.id;
    }
  });
  afterAll(() => matching.close());

  it('erases the needs of an erased person, deletes those of a deleted one, leaves everyone else alone', async () => {
    await matching.publish(PersonDestroyed, people.erased, destroyedData(people.erased, 'erase'));
    await matching.publish(PersonDestroyed, people.deleted, destroyedData(people.deleted, 'delete'));
    await eventually(async () => {
      expect(await asSystem(matching.orm, `select 1 from "matching"."person_copy" where person_id in (?, ?)`, [people.erased, people.deleted])).toEqual([]);
    });
    expect((await matching.call('GET', `/needs/${needs.erased}`)).body).toMatchObject({ personId: people.erased, notes: null, interests: [] });
    expectProblem(await matching.call('GET', `/needs/${needs.deleted}`), 404);
    expect((await matching.call('GET', `/needs/${needs.kept}`)).body).toMatchObject({ notes: NOTES, interests: [INTEREST, '園芸'] });
    const stored = await asSystem<{ key: string }>(matching.orm, `select key from "matching"."idempotency_key" where key like 'destroyed-%'`);
    expect(stored.map((row) => row.key)).toEqual(['destroyed-kept']);
  });

  it('logs each destruction for auditors, ids and codes only', async () => {
    const auditor = await matching.token({ subject: 'auditor-1', roles: ['auditor'] });
    const log = await matching.call('GET', '/destruction-log?perPage=100', { token: auditor });
    expect(log.status).toBe(200);
    expect(log.body.items.map((item: { recordType: string; recordId: string; action: string }) => `${item.recordType}:${item.recordId}:${item.action}`).sort()).toEqual(
      [`participation-need:${needs.erased}:erase`, `person-copy:${people.erased}:erase`, `participation-need:${needs.deleted}:delete`, `person-copy:${people.deleted}:delete`].sort(),
    );
    const table = await asSystem(matching.orm, `select * from "matching"."destruction_log"`);
    for (const text of [JSON.stringify(log.body), JSON.stringify(table)]) for (const marker of MARKERS) expect(text).not.toContain(marker);
    expectProblem(await matching.call('GET', '/destruction-log', { token: await matching.token({ roles: ['participation-worker'] }) }), 403);
  });
});
