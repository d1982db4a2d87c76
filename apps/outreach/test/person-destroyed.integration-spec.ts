import { PersonDestroyed, type PersonDestroyedEventData } from '@tsunagu/contracts';
import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { contactBody, expectProblem, startOutreach, targetBody, type OutreachUnderTest } from './outreach-app';

const PLACE = '廃棄標識町の角の家、80代女性';
const NOTE = '廃棄標識の支援員メモ';
const OBSERVATION = '廃棄標識：郵便物がたまっている';
const NEXT = '廃棄標識：来週もう一度訪問';
const COMPANION = '廃棄標識民生委員';
const MARKERS = [PLACE, NOTE, OBSERVATION, NEXT, COMPANION, '廃棄標識'];

/**
 * When intake destroys a person past their retention period (person.destroyed, after a city supervisor's approval),
 * outreach destroys its copies as the rule says — erased or deleted — forgets the person, and logs it without personal data.
 */
describe('outreach: person.destroyed erases or deletes the copies and logs it', () => {
  let outreach: OutreachUnderTest;
  const erased = uuidv7();
  const deleted = uuidv7();
  const kept = uuidv7();
  const heldHere = uuidv7();
  const targets: Record<string, string> = {};

  const destroyedData = (personId: string, action: 'erase' | 'delete'): PersonDestroyedEventData => ({
    personId,
    action,
    ruleId: uuidv7(),
    ruleVersion: 2,
    batchId: uuidv7(),
    approvedBy: 'city-sv',
    destroyedAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    outreach = await startOutreach();
    for (const [key, personId] of Object.entries({ erased, deleted, kept, heldHere })) {
      await outreach.knowPerson(personId);
      const target = await outreach.call('POST', '/targets', { body: targetBody({ personId, locationDescription: PLACE, note: NOTE }) });
      expect(target.status).toBe(201);
      targets[key] = target.body.id;
      const contact = await outreach.call('POST', `/targets/${target.body.id}/contacts`, {
        body: contactBody({ observationNote: OBSERVATION, nextAction: NEXT, accompaniedBy: [{ kind: 'welfare-commissioner', name: COMPANION }] }),
      });
      expect(contact.status).toBe(201);
    }
    // A legal hold placed in outreach, which intake cannot know when it destroys the person.
    const citySupervisor = await outreach.token({ subject: 'city-sv', roles: ['supervisor'] });
    const hold = await outreach.call('POST', '/legal-holds', { body: { recordType: 'outreach-target', recordId: targets.heldHere, reason: 'litigation' }, token: citySupervisor });
    expect(hold.status).toBe(201);
  });
  afterAll(() => outreach.close());

  it('erases the targets of an erased person, deletes those of a deleted one, leaves everyone else alone', async () => {
    await outreach.publish(PersonDestroyed, erased, destroyedData(erased, 'erase'));
    await outreach.publish(PersonDestroyed, deleted, destroyedData(deleted, 'delete'));
    await expectEventually(async () => {
      expect(await asSystem(outreach.orm, `select 1 from "outreach"."person_mirror" where person_id in (?, ?)`, [erased, deleted])).toEqual([]);
    });

    const target = (await outreach.call('GET', `/targets/${targets.erased}`)).body;
    expect(target).toMatchObject({ personId: erased, locationDescription: null, note: null });
    const contacts = (await outreach.call('GET', `/targets/${targets.erased}/contacts`)).body.items;
    expect(contacts).toEqual([expect.objectContaining({ observationNote: null, nextAction: null, accompaniedBy: [{ kind: 'welfare-commissioner', name: null }] })]);

    expectProblem(await outreach.call('GET', `/targets/${targets.deleted}`), 404);
    expect(await asSystem(outreach.orm, `select 1 from "outreach"."outreach_contact" where target_id = ?`, [targets.deleted])).toEqual([]);

    expect((await outreach.call('GET', `/targets/${targets.kept}`)).body).toMatchObject({ locationDescription: PLACE, note: NOTE });
    expect((await outreach.call('GET', `/targets/${targets.kept}/contacts`)).body.items[0]).toMatchObject({ observationNote: OBSERVATION, nextAction: NEXT });
  });

  it("keeps a target under outreach's own legal hold as it was, and forgets the person's copy", async () => {
    await outreach.publish(PersonDestroyed, heldHere, destroyedData(heldHere, 'delete'));
    await expectEventually(async () => {
      expect(await asSystem(outreach.orm, `select 1 from "outreach"."person_mirror" where person_id = ?`, [heldHere])).toEqual([]);
    });
    expect((await outreach.call('GET', `/targets/${targets.heldHere}`)).body).toMatchObject({ personId: heldHere, locationDescription: PLACE, note: NOTE });
    expect((await outreach.call('GET', `/targets/${targets.heldHere}/contacts`)).body.items[0]).toMatchObject({ observationNote: OBSERVATION, nextAction: NEXT });
  });

  it('logs each destruction for auditors, ids and codes only', async () => {
    const auditor = await outreach.token({ subject: 'auditor-1', roles: ['auditor'] });
    const log = await outreach.call('GET', '/destruction-log?perPage=100', { token: auditor });
    expect(log.status).toBe(200);
    expect(log.body.items.map((item: { recordType: string; recordId: string; action: string }) => `${item.recordType}:${item.recordId}:${item.action}`).sort()).toEqual(
      [
        `outreach-target:${targets.erased}:erase`,
        `person-mirror:${erased}:erase`,
        `outreach-target:${targets.deleted}:delete`,
        `person-mirror:${deleted}:delete`,
        `person-mirror:${heldHere}:delete`,
      ].sort(),
    );
    expect(log.body.items[0]).toMatchObject({ ruleVersion: 2, approvedBy: 'city-sv', batchId: expect.any(String), destroyedAt: expect.any(String) });
    const table = await asSystem(outreach.orm, `select * from "outreach"."destruction_log"`);
    for (const text of [JSON.stringify(log.body), JSON.stringify(table)]) for (const marker of MARKERS) expect(text).not.toContain(marker);
    expectProblem(await outreach.call('GET', '/destruction-log'), 403);
  });
});
