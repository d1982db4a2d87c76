import { CollectOutreachSubjectRecordsRpc, ContractViolationError, OUTREACH_PERSONAL_INFORMATION_FILES, TECHNICAL_FIELDS } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode } from '@tsunagu/platform-errors';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { natsRpcInboxPrefix, RpcClient } from '@tsunagu/platform-messaging';
import { v7 as uuidv7 } from 'uuid';
import { contactBody, startOutreach, targetBody, type OutreachUnderTest } from './outreach-app';

const OWN_NOTE = '開示マーカー: 玄関先で少し話せた';
const SECRET_NOTE = '開示マーカー: 支援会議で共有された家族の事情';
const COMPANION = '開示マーカー民生委員';

/**
 * `tsunagu.rpc.outreach.subject-records.collect` over real NATS and PostgreSQL (issue 19, 開示請求): the person's targets
 * and contacts, with companions' names and 106条の6 notes withheld, the access log, and nothing of another person or
 * another municipality.
 */

/** A call as a service acting for `municipality` would make it: RpcClient sends its TenantContext's municipality (ADR 0015). */
const asCaller = <T>(municipality: string, call: () => Promise<T>): Promise<T> => TenantContext.run({ requestId: 'subject-records-test', municipality }, call);
describe('outreach: subject records for a 開示請求 (request-reply)', () => {
  let outreach: OutreachUnderTest;
  let client: RpcClient;
  let callerProxy: ClientProxy;
  let personId: string;
  let targetId: string;

  beforeAll(async () => {
    outreach = await startOutreach();
    // The caller is intake (its NATS user may request outreach's subjects; outreach's own user may not call itself).
    const intakeUser = outreach.nats.serviceEnv('intake');
    callerProxy = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [intakeUser.NATS_URL], user: intakeUser.NATS_USER, pass: intakeUser.NATS_PASSWORD, inboxPrefix: natsRpcInboxPrefix('intake') } });
    await callerProxy.connect();
    client = new RpcClient(callerProxy, { timeoutMs: 10_000 });
    personId = uuidv7();
    const otherId = uuidv7();
    await outreach.knowPerson(personId);
    await outreach.knowPerson(otherId);
    targetId = (
      await outreach.call('POST', '/targets', {
        body: targetBody({ personId, locationDescription: undefined }),
      })
    ).body.id;
    await outreach.call('POST', `/targets/${targetId}/contacts`, {
      body: contactBody({
        result: 'brief-talk',
        legalBasis: 'consent',
        observationNote: OWN_NOTE,
        accompaniedBy: [{ kind: 'welfare-commissioner', name: COMPANION }],
      }),
    });
    await outreach.call('POST', `/targets/${targetId}/contacts`, {
      body: contactBody({ result: 'absent', observationNote: SECRET_NOTE }),
    });
    await outreach.call('POST', '/targets', {
      body: targetBody({ personId: otherId, locationDescription: undefined }),
    });
    await outreach.call('GET', `/targets/${targetId}`);
  }, 240_000);
  afterAll(async () => {
    await callerProxy?.close();
    await outreach?.close();
  });

  it('answers with the person’s own records, companions’ names and 106条の6 notes withheld, and the access log', async () => {
    const reply = await asCaller('372013', () => client.call(CollectOutreachSubjectRecordsRpc, { personId }));
    expect(reply.service).toBe('outreach');
    expect(reply.records.filter((record) => record.type === 'OutreachTarget').map((record) => record.id)).toEqual([targetId]);
    expect(reply.records.filter((record) => record.type === 'OutreachContact')).toHaveLength(2);
    const text = JSON.stringify(reply.records);
    expect(text).toContain(OWN_NOTE);
    expect(text).not.toContain(SECRET_NOTE);
    expect(text).not.toContain(COMPANION);
    expect(reply.withheld).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'OutreachContact',
          part: 'accompaniedBy[0].name',
          ground: 'third-party',
        }),
        expect.objectContaining({
          type: 'OutreachContact',
          part: 'observationNote',
          ground: 'support-meeting-106-6',
        }),
      ]),
    );
    expect(reply.accessLog).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'read',
          resourceType: 'OutreachTarget',
        }),
      ]),
    );
  });

  it('answers nothing for another municipality, and rejects a malformed request', async () => {
    const other = await asCaller('131016', () => client.call(CollectOutreachSubjectRecordsRpc, { personId }));
    expect(other.records).toEqual([]);
    // A municipality named in the payload is ignored: the caller's own (the header) decides.
    const claimed = await asCaller('131016', () => client.call(CollectOutreachSubjectRecordsRpc, { municipality: '372013', personId }));
    expect(claimed.records).toEqual([]);
    await expect(
      asCaller('372013', () => client.call(CollectOutreachSubjectRecordsRpc, { personId: 'not-a-uuid' })),
    ).rejects.toThrow(ContractViolationError);
  });

  it('is refused, as Unauthenticated, when the request names no caller municipality (not sent by RpcClient)', async () => {
    // Even a municipality in the payload does not stand in for the header: RpcNatsServer refuses before the handler.
    const raw = await new Promise((resolve) => callerProxy.send(CollectOutreachSubjectRecordsRpc.subject, { municipality: '372013', personId }).subscribe({ error: resolve, next: resolve }));
    expect(raw).toMatchObject({ code: DomainErrorCode.Unauthenticated });
    expect(JSON.stringify(raw)).not.toContain('開示マーカー');
  });

  it('declares in the 個人情報ファイル簿 every stored field of its files’ entities (the register stays true to the data model)', () => {
    for (const file of OUTREACH_PERSONAL_INFORMATION_FILES) {
      for (const [entity, fields] of Object.entries(file.entities)) {
        const stored = Object.keys(outreach.orm.getMetadata().find(entity)?.properties ?? {}).filter((field) => !TECHNICAL_FIELDS.includes(field));
        expect({ entity, fields: [...stored].sort() }).toEqual({
          entity,
          fields: [...fields].sort(),
        });
      }
    }
  });
});
