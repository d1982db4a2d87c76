import { LegalHoldPlaced, LegalHoldReleased, OutreachTargetDestroyed } from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { ListDueTargetsUseCase } from '../src/retention/list-due-targets.usecase';
import { API, SHAKYO, contactBody, expectProblem, startOutreach, targetBody, type OutreachUnderTest } from './outreach-app';

/** Marker values: none may survive an erase, nor appear in the destruction log, its API or the events. */
const PLACE = '廃棄標識町の空き家の隣、70代男性';
const NOTE = '廃棄標識の支援員メモ';
const OBSERVATION = '廃棄標識：雨戸が閉まったまま';
const NEXT = '廃棄標識：民生委員と再訪';
const COMPANION = '廃棄標識民生委員';
const MARKERS = [PLACE, NOTE, OBSERVATION, NEXT, COMPANION, '廃棄標識'];

interface Item {
  id: string;
  recordType: string;
  recordId: string;
  status: string;
  ruleVersion: number;
  action: string;
}

/**
 * Outreach's own retention (issue 19): targets known only by a place never reach intake's person-based destruction. The
 * check lists targets past their period (3 years from the last contact, 年度末起算) into a batch, never one under a legal
 * hold; nothing is destroyed before a city supervisor approves; approval destroys in one transaction as the rule says,
 * logs ids and codes only and announces outreach.target.destroyed.
 */
describe('outreach: retention of targets, legal holds and destruction', () => {
  let outreach: OutreachUnderTest;
  let citySupervisor: string;
  let deskSupervisor: string;
  let admin: string;
  let auditor: string;
  const person = uuidv7();
  const ids: Record<string, string> = {};
  let batch: string;

  const post = (path: string, body: unknown = {}, token?: string) => outreach.call('POST', path, { body, ...(token ? { token } : {}) });
  const check = () => outreach.app.get(ListDueTargetsUseCase).forMunicipality(DEMO_MUNICIPALITY.lgCode);
  const items = async (batchId: string): Promise<Item[]> => (await outreach.call('GET', `/destruction-batches/${batchId}/items?perPage=100`, { token: citySupervisor })).body.items;

  /** A target as if found and last visited five years ago: past 3 years counted from the end of its 年度. */
  async function age(targetId: string): Promise<void> {
    const age = `- interval '5 years'`;
    await asSystem(outreach.orm, `update "outreach"."outreach_target" set discovered_on = discovered_on ${age}, last_contact_at = last_contact_at ${age} where id = ?`, [targetId]);
    await asSystem(outreach.orm, `update "outreach"."outreach_contact" set contacted_at = contacted_at ${age} where target_id = ?`, [targetId]);
  }

  async function target(key: string, overrides: Record<string, unknown> = {}): Promise<void> {
    const registered = await post('/targets', targetBody({ locationDescription: PLACE, note: NOTE, ...overrides }));
    expect(registered.status).toBe(201);
    ids[key] = registered.body.id;
    const contact = await post(`/targets/${ids[key]}/contacts`, contactBody({ observationNote: OBSERVATION, nextAction: NEXT, accompaniedBy: [{ kind: 'welfare-commissioner', name: COMPANION }] }));
    expect(contact.status).toBe(201);
  }

  beforeAll(async () => {
    outreach = await startOutreach();
    citySupervisor = await outreach.token({ subject: 'city-sv', roles: ['supervisor'] });
    deskSupervisor = await outreach.token({ subject: 'shakyo-sv', roles: ['supervisor'], agency: SHAKYO });
    admin = await outreach.token({ subject: 'admin-1', roles: ['admin'] });
    auditor = await outreach.token({ subject: 'auditor-1', roles: ['auditor'] });
    await outreach.knowPerson(person);
    // erased: known by place only. removed: taken out of the first batch, deleted under the next rule version.
    // held: a hold on the target before the check. personHeld: a hold on its person. lateHold: a hold placed after
    // listing. cameBack: a new contact after listing. young: found and visited this year.
    for (const key of ['erased', 'removed', 'held', 'lateHold', 'cameBack', 'young']) await target(key);
    await target('personHeld', { personId: person });
    for (const key of ['erased', 'removed', 'held', 'lateHold', 'cameBack', 'personHeld']) await age(ids[key]);
  }, 120_000);
  afterAll(() => outreach.close());

  it('seeds the default rule (3 years from the last contact); only an admin changes it, bad input is a 400 naming the field', async () => {
    const rules = await outreach.call('GET', '/retention-rules', { token: auditor });
    expect(rules.status).toBe(200);
    expect(rules.body).toEqual([expect.objectContaining({ recordType: 'outreach-target', trigger: 'last-contact', years: 3, action: 'delete', version: 1, changedBy: null })]);
    expectProblem(await outreach.call('PATCH', '/retention-rules/outreach-target', { token: citySupervisor, body: { years: 3, action: 'erase', version: 1 } }), 403);
    const bad = await outreach.call('PATCH', '/retention-rules/outreach-target', { token: admin, body: { years: 0, action: 'burn', version: 1 } });
    expectProblem(bad, 400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['action', 'years']);
    expectProblem(await outreach.call('PATCH', '/retention-rules/person', { token: admin, body: { years: 3, action: 'erase', version: 1 } }), 404);
    const changed = await outreach.call('PATCH', '/retention-rules/outreach-target', { token: admin, body: { years: 3, action: 'erase', version: 1 } });
    expect(changed.body).toMatchObject({ action: 'erase', version: 2, changedBy: 'admin-1' });
  });

  it('places legal holds on a target or a person (city staff only, on a record outreach holds)', async () => {
    const body = { recordType: 'outreach-target', recordId: ids.held, reason: 'litigation' };
    expectProblem(await post('/legal-holds', body, deskSupervisor), 403);
    const unknown = await post('/legal-holds', { ...body, recordId: uuidv7() }, citySupervisor);
    expectProblem(unknown, 400);
    expect(Object.keys(unknown.body.errors)).toEqual(['recordId']);
    expect((await post('/legal-holds', body, citySupervisor)).body).toMatchObject({ recordType: 'outreach-target', recordId: ids.held, placedBy: 'city-sv', active: true });
    expect((await post('/legal-holds', { recordType: 'person', recordId: person, reason: 'audit' }, citySupervisor)).status).toBe(201);
  });

  it('lists the targets due into one batch, never a held one nor a young one; a second run lists nothing; nothing is destroyed yet', async () => {
    expectProblem(await post('/retention-checks', {}, citySupervisor), 403);
    const first = await post('/retention-checks', {}, admin);
    expect(first.body).toMatchObject({ ran: true, listed: 4, batchId: expect.any(String) });
    batch = first.body.batchId;
    expect(await check()).toMatchObject({ ran: true, listed: 0, batchId: null });
    const listed = await items(batch);
    expect(listed.map((item) => item.recordId).sort()).toEqual([ids.erased, ids.removed, ids.lateHold, ids.cameBack].sort());
    expect(listed[0]).toMatchObject({ recordType: 'outreach-target', ruleVersion: 2, action: 'erase', status: 'pending' });
    expect((await outreach.call('GET', `/targets/${ids.erased}`)).body.locationDescription).toBe(PLACE);
  });

  it('destroys on a city supervisor’s approval only, keeps what came under a hold or is no longer due, logs and announces it', async () => {
    const listed = await items(batch);
    const removed = listed.find((item) => item.recordId === ids.removed) as Item;
    expectProblem(await post(`/destruction-batches/${batch}/approve`, {}, deskSupervisor), 403);
    expectProblem(await post(`/destruction-batches/${batch}/approve`, {}), 403);
    const badRemove = await post(`/destruction-batches/${batch}/approve`, { removeItemIds: ['not-a-uuid'] }, citySupervisor);
    expectProblem(badRemove, 400);
    expect(Object.keys(badRemove.body.errors)).toEqual(['removeItemIds']);
    // After listing: a hold on one target, a new visit to another.
    expect((await post('/legal-holds', { recordType: 'outreach-target', recordId: ids.lateHold, reason: 'disclosure-request' }, citySupervisor)).status).toBe(201);
    expect((await post(`/targets/${ids.cameBack}/contacts`, contactBody())).status).toBe(201);

    const approved = await post(`/destruction-batches/${batch}/approve`, { removeItemIds: [removed.id] }, citySupervisor);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'city-sv' });
    expectProblem(await post(`/destruction-batches/${batch}/approve`, {}, citySupervisor), 409);
    const statuses = Object.fromEntries((await items(batch)).map((item) => [item.recordId, item.status]));
    expect(statuses).toEqual({ [ids.erased]: 'destroyed', [ids.removed]: 'removed', [ids.lateHold]: 'held', [ids.cameBack]: 'not-due' });

    // Erased: the coded row stays, the place, notes and companions' names are gone.
    expect((await outreach.call('GET', `/targets/${ids.erased}`)).body).toMatchObject({ locationDescription: null, note: null, riskLevel: 'high' });
    expect((await outreach.call('GET', `/targets/${ids.erased}/contacts`)).body.items).toEqual([
      expect.objectContaining({ observationNote: null, nextAction: null, accompaniedBy: [{ kind: 'welfare-commissioner', name: null }] }),
    ]);
    for (const key of ['removed', 'held', 'lateHold', 'cameBack', 'personHeld', 'young']) expect((await outreach.call('GET', `/targets/${ids[key]}`)).body.locationDescription).toBe(PLACE);
  });

  it('lists a removed target again under a new rule version, and deletes it with its contacts', async () => {
    const rule = (await outreach.call('GET', '/retention-rules', { token: admin })).body[0];
    expect((await outreach.call('PATCH', '/retention-rules/outreach-target', { token: admin, body: { years: 3, action: 'delete', version: rule.version } })).body.version).toBe(3);
    const second = await post('/retention-checks', {}, admin);
    expect(second.body).toMatchObject({ listed: 1 });
    expect((await items(second.body.batchId)).map((item) => [item.recordId, item.action, item.ruleVersion])).toEqual([[ids.removed, 'delete', 3]]);
    expect((await post(`/destruction-batches/${second.body.batchId}/approve`, {}, citySupervisor)).status).toBe(200);
    expectProblem(await outreach.call('GET', `/targets/${ids.removed}`), 404);
    expect(await asSystem(outreach.orm, `select 1 from "outreach"."outreach_contact" where target_id = ?`, [ids.removed])).toEqual([]);
  });

  it('logs each destruction and announces it, ids and codes only', async () => {
    const log = await outreach.call('GET', '/destruction-log?perPage=100', { token: auditor });
    expect(log.status).toBe(200);
    expect(log.body.items.map((entry: { recordId: string; action: string; ruleVersion: number }) => `${entry.recordId}:${entry.action}:${entry.ruleVersion}`).sort()).toEqual(
      [`${ids.erased}:erase:2`, `${ids.removed}:delete:3`].sort(),
    );
    expect(log.body.items[0]).toMatchObject({ recordType: 'outreach-target', approvedBy: 'city-sv' });
    let destroyed: { json: string; event: { data: Record<string, unknown> } }[] = [];
    await expectEventually(async () => {
      destroyed = (await outreach.events()).filter((event) => event.subject === OutreachTargetDestroyed.subject);
      expect(destroyed.map((event) => event.event.data.targetId).sort()).toEqual([ids.erased, ids.removed].sort());
    });
    expect(destroyed.find((event) => event.event.data.targetId === ids.erased)?.event.data).toMatchObject({ action: 'erase', ruleVersion: 2, batchId: batch, approvedBy: 'city-sv' });
    const table = await asSystem(outreach.orm, `select * from "outreach"."destruction_log"`);
    for (const text of [JSON.stringify(log.body), JSON.stringify(table), ...destroyed.map((event) => event.json)]) for (const marker of MARKERS) expect(text).not.toContain(marker);
  });

  it('deletes the import sources of a destroyed target and its contacts; the same file imported again makes a new target', async () => {
    const upload = async (type: string, file: string) => {
      const response = await outreach.app.inject({
        method: 'POST',
        url: `${API}/imports?type=${type}`,
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${citySupervisor}` },
        payload: Buffer.from(`${file}\r\n`, 'utf8'),
      });
      expect(response.statusCode).toBe(200);
      return JSON.parse(response.body) as { created: number; unchanged: number };
    };
    const targets = ['管理番号,対象者ID,場所・様子,地区ID,把握日,把握経路,リスク,課題,段階,備考', `R-1,,${PLACE},,令和元年5月1日,地域住民,高,,,`].join('\r\n');
    const contacts = ['管理番号,対象の管理番号,接触日時,方法,結果,観察,記録,根拠', 'RS-1,R-1,令和元年5月2日 10:30,訪問,不在,,,社福法106条の6支援会議'].join('\r\n');
    expect(await upload('targets', targets)).toMatchObject({ created: 1 });
    expect(await upload('contacts', contacts)).toMatchObject({ created: 1 });
    const sources = () => asSystem<{ record_type: string; target_id: string }>(outreach.orm, `select record_type, target_id from "outreach"."import_source" where source_id in ('R-1', 'RS-1')`);
    const imported = (await sources()).find((source) => source.record_type === 'targets')?.target_id as string;
    await age(imported);

    const listed = await post('/retention-checks', {}, admin);
    const others = (await items(listed.body.batchId)).filter((item) => item.recordId !== imported).map((item) => item.id);
    expect((await post(`/destruction-batches/${listed.body.batchId}/approve`, { removeItemIds: others }, citySupervisor)).status).toBe(200);
    expectProblem(await outreach.call('GET', `/targets/${imported}`), 404);
    expect(await sources()).toEqual([]);

    // Nothing recognises the old system's key any more (that would be the personal data destroyed): a new target.
    expect(await upload('targets', targets)).toMatchObject({ created: 1, unchanged: 0 });
    const again = await sources();
    expect(again).toHaveLength(1);
    expect(again[0].target_id).not.toBe(imported);
  });

  it('keeps the targets of a person held in intake: held at approval, never listed while the hold is in force, listed again once released', async () => {
    const heldPerson = uuidv7();
    await outreach.knowPerson(heldPerson);
    await target('intakeHeld', { personId: heldPerson });
    await age(ids.intakeHeld);
    const listedIds = async () => {
      const result = await check();
      return { batchId: result.batchId, items: result.batchId ? await items(result.batchId) : [] };
    };
    const listed = await listedIds();
    expect(listed.items.map((item) => item.recordId)).toContain(ids.intakeHeld);

    // Intake places a hold on a case of the person after listing, before approval.
    const holdId = uuidv7();
    await outreach.publish(LegalHoldPlaced, holdId, { holdId, recordType: 'case', recordId: uuidv7(), personId: heldPerson, reason: 'litigation', until: null, placedAt: new Date().toISOString() });
    const kept = () => asSystem<{ released_at: Date | null }>(outreach.orm, `select released_at from "outreach"."intake_legal_hold" where hold_id = ?`, [holdId]);
    await expectEventually(async () => expect(await kept()).toHaveLength(1));
    const others = listed.items.filter((item) => item.recordId !== ids.intakeHeld).map((item) => item.id);
    expect((await post(`/destruction-batches/${listed.batchId}/approve`, { removeItemIds: others }, citySupervisor)).status).toBe(200);
    expect((await items(listed.batchId as string)).find((item) => item.recordId === ids.intakeHeld)?.status).toBe('held');
    expect((await outreach.call('GET', `/targets/${ids.intakeHeld}`)).body.locationDescription).toBe(PLACE);
    expect((await listedIds()).items.map((item) => item.recordId)).not.toContain(ids.intakeHeld);

    await outreach.publish(LegalHoldReleased, holdId, { holdId, releasedAt: new Date().toISOString() });
    await expectEventually(async () => expect((await kept())[0].released_at).not.toBeNull());
    expect((await listedIds()).items.map((item) => item.recordId)).toContain(ids.intakeHeld);
  });
});
