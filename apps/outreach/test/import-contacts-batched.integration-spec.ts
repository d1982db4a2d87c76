import { OutreachContactLogged, OutreachStageChanged } from '@tsunagu/contracts';
import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { API, startOutreach, type OutreachUnderTest } from './outreach-app';

const TARGETS_HEADER = '管理番号,対象者ID,場所・様子,地区ID,把握日,把握経路,リスク,課題,段階,備考';
const CONTACTS_HEADER = '管理番号,対象の管理番号,接触日時,方法,結果,観察,記録,根拠';

/** One contact of the file, with the request POST /targets/{id}/contacts would get for it. */
interface Contact {
  source: string;
  target: number;
  at: string;
  cells: string;
  body: Record<string, unknown>;
}

/** Out of time order in the file; several per target, successful and not. */
const CONTACTS: Contact[] = [
  { source: 'K-5', target: 1, at: '2024-04-20T14:30:00+09:00', cells: '訪問,面談できた,特記なし,話せた', body: { method: 'visit', result: 'met', observations: ['nothing-notable'], observationNote: '話せた' } },
  { source: 'K-1', target: 1, at: '2024-04-02T10:00:00+09:00', cells: '訪問,不在,"郵便物滞留、異臭",', body: { method: 'visit', result: 'absent', observations: ['mail-piling-up', 'odour'] } },
  { source: 'K-2', target: 2, at: '2024-04-03T09:15:00+09:00', cells: '電話,応答なし,,', body: { method: 'phone', result: 'no-response' } },
  { source: 'K-3', target: 3, at: '2024-04-05T11:00:00+09:00', cells: '訪問,短時間会話,,', body: { method: 'visit', result: 'brief-talk' } },
  { source: 'K-4', target: 2, at: '2024-04-10T16:45:00+09:00', cells: '手紙・メモ投函,不在,,', body: { method: 'letter-note', result: 'absent' } },
  { source: 'K-6', target: 4, at: '2024-04-11T13:00:00+09:00', cells: '訪問,面談できた,,', body: { method: 'visit', result: 'met' } },
  { source: 'K-7', target: 3, at: '2024-04-25T10:00:00+09:00', cells: '訪問,拒否,,', body: { method: 'visit', result: 'refused' } },
  { source: 'K-8', target: 2, at: '2024-05-01T10:00:00+09:00', cells: '来所面接,面談できた,,', body: { method: 'office', result: 'met' } },
];

/**
 * データ取込 of contacts (issue 19) is batched — a batch's targets loaded at once, its contacts, target changes and
 * events written in one flush — yet must do what logging the same contacts one by one through
 * POST /targets/{id}/contacts does. Two sets of identical targets: the file goes to one through the import, the same
 * contacts to the other through the API in the order they happened; the events on the stream, the targets and the
 * contacts must match. Target 2 has a watch plan (the import keeps it on the use case's own path: its plan follows).
 */
describe('outreach: imported contacts, batched, equal the console’s contacts', () => {
  let outreach: OutreachUnderTest;
  let supervisor: string;
  const ids = { imported: new Map<number, string>(), posted: new Map<number, string>() };

  const upload = async (query: string, lines: string[]) => {
    const response = await outreach.app.inject({
      method: 'POST',
      url: `${API}/imports?${query}`,
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${supervisor}` },
      payload: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'),
    });
    return { status: response.statusCode, body: JSON.parse(response.body) };
  };
  const call = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => outreach.call(method, path, { token: supervisor, body });

  beforeAll(async () => {
    outreach = await startOutreach();
    supervisor = await outreach.token({ subject: 'supervisor-1', roles: ['supervisor'] });
    // Two identical sets of targets: 1–3 at 未接触 (batched), 4 imported at 接触試行中 (through the stage machine).
    const targetRows = (set: string) => [1, 2, 3, 4].map((i) => `${set}-${i},,公園（${i}）,,2024-03-01,地域住民,${i === 1 ? '高' : '中'},,${i === 4 ? '接触試行中' : ''},`);
    const targets = await upload('type=targets', [TARGETS_HEADER, ...targetRows('I'), ...targetRows('P')]);
    expect(targets.body).toMatchObject({ created: 8, problems: [] });
    const sources = await asSystem<{ source_id: string; target_id: string }>(outreach.orm, `select source_id, target_id from "outreach"."import_source" where record_type = 'targets'`);
    for (const { source_id: source, target_id: id } of sources) (source.startsWith('I-') ? ids.imported : ids.posted).set(Number(source.slice(2)), id);
    for (const id of [ids.imported.get(2), ids.posted.get(2)]) {
      expect((await call('PUT', `/targets/${id}/watch-plan`, { cadenceDays: 14, startedOn: '2024-03-01', watchers: [{ kind: 'volunteer', name: '見守り 二郎' }] })).status).toBe(200);
    }
  });
  afterAll(() => outreach?.close());

  it('writes the same contacts, target stages and last contacts, watch plans and events (subjects, payloads, order per target)', async () => {
    const file = CONTACTS.map(({ source, target, at, cells }) => `${source},I-${target},${at.slice(0, 10)} ${at.slice(11, 16)},${cells},社福法106条の6支援会議`);
    const imported = await upload('type=contacts', [CONTACTS_HEADER, ...file]);
    expect(imported.body).toMatchObject({ created: CONTACTS.length, unchanged: 0, problems: [] });
    for (const { target, at, body } of [...CONTACTS].sort((a, b) => a.at.localeCompare(b.at))) {
      const reply = await call('POST', `/targets/${ids.posted.get(target)}/contacts`, { ...body, contactedAt: new Date(at).toISOString(), legalBasis: 'support-meeting-106-6' });
      expect(reply.status).toBe(201);
    }

    for (const target of [1, 2, 3, 4]) {
      const [importedId, postedId] = [ids.imported.get(target) as string, ids.posted.get(target) as string];
      const view = async (id: string) => {
        const { id: _id, version: _version, etag: _etag, stageChangedAt: _changed, updatedAt: _updated, createdAt: _created, locationDescription: _place, ...rest } = (await call('GET', `/targets/${id}`)).body;
        return rest;
      };
      expect(await view(importedId)).toEqual(await view(postedId));
      const contacts = async (id: string) =>
        ((await call('GET', `/targets/${id}/contacts`)).body.items as Record<string, unknown>[]).map(({ id: _id, targetId: _target, ...rest }) => rest);
      const importedContacts = await contacts(importedId);
      expect(importedContacts).toHaveLength(CONTACTS.filter((contact) => contact.target === target).length);
      expect(importedContacts).toEqual(await contacts(postedId));
      if (target === 2) {
        const plan = async (id: string) => {
          const { nextDueOn, staffSubjects, active } = (await call('GET', `/targets/${id}/watch-plan`)).body;
          return { nextDueOn, staffSubjects, active };
        };
        expect(await plan(importedId)).toEqual(await plan(postedId));
      }
    }

    await expectEventually(async () => {
      const events = await outreach.events();
      const of = (targetId: string) =>
        events
          .filter((event) => event.event.data['targetId'] === targetId && [OutreachContactLogged.subject, OutreachStageChanged.subject].includes(event.subject))
          .map((event) => {
            const { targetId: _target, contactId, ...data } = event.event.data as Record<string, unknown>;
            return { subject: event.subject, data: { ...data, contactId: contactId === undefined ? undefined : 'a contact' } };
          });
      for (const target of [1, 2, 3, 4]) {
        const posted = of(ids.posted.get(target) as string);
        expect(posted.filter((event) => event.subject === OutreachContactLogged.subject)).toHaveLength(CONTACTS.filter((contact) => contact.target === target).length);
        expect(of(ids.imported.get(target) as string)).toEqual(posted);
      }
    });
  });
});
