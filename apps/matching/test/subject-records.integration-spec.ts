import { CollectMatchingSubjectRecordsRpc, ContractViolationError, MATCHING_PERSONAL_INFORMATION_FILES, TECHNICAL_FIELDS } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode } from '@tsunagu/platform-errors';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { natsRpcInboxPrefix, RpcClient } from '@tsunagu/platform-messaging';
import { needBody, startMatching, type MatchingUnderTest } from './matching-app';

const OWN_NOTE = '開示マーカー: 土の匂いのする作業がしたい';
const OTHER_NOTE = '開示マーカー: 別の方の参加ニーズ';

/**
 * `tsunagu.rpc.matching.subject-records.collect` over real NATS and PostgreSQL (issue 19, 開示請求): the person's needs
 * (and their matches and follow-ups), matching's access log of the person, nothing of another person or municipality.
 */

/** A call as a service acting for `municipality` would make it: RpcClient sends its TenantContext's municipality (ADR 0015). */
const asCaller = <T>(municipality: string, call: () => Promise<T>): Promise<T> => TenantContext.run({ requestId: 'subject-records-test', municipality }, call);
describe('matching: subject records for a 開示請求 (request-reply)', () => {
  let matching: MatchingUnderTest;
  let client: RpcClient;
  let callerProxy: ClientProxy;
  let personId: string;
  let needId: string;

  beforeAll(async () => {
    matching = await startMatching();
    // The caller is intake (its NATS user may request matching's subjects; matching's own user may not call itself).
    const intakeUser = matching.nats.serviceEnv('intake');
    callerProxy = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [intakeUser.NATS_URL], user: intakeUser.NATS_USER, pass: intakeUser.NATS_PASSWORD, inboxPrefix: natsRpcInboxPrefix('intake') } });
    await callerProxy.connect();
    client = new RpcClient(callerProxy, { timeoutMs: 10_000 });
    personId = await matching.knownPerson();
    const otherId = await matching.knownPerson();
    needId = (
      await matching.call('POST', '/needs', {
        body: needBody(personId, { notes: OWN_NOTE }),
      })
    ).body.id;
    await matching.call('POST', '/needs', {
      body: needBody(otherId, { notes: OTHER_NOTE }),
    });
    await matching.call('GET', `/needs/${needId}`);
  }, 240_000);
  afterAll(async () => {
    await callerProxy?.close();
    await matching?.close();
  });

  it('answers with the person’s own needs and the access log, nothing of another person', async () => {
    const reply = await asCaller('372013', () => client.call(CollectMatchingSubjectRecordsRpc, { personId }));
    expect(reply.service).toBe('matching');
    expect(reply.records.map((record) => [record.type, record.id])).toEqual([['ParticipationNeed', needId]]);
    const text = JSON.stringify(reply);
    expect(text).toContain(OWN_NOTE);
    expect(text).not.toContain(OTHER_NOTE);
    expect(reply.records[0].fields).not.toHaveProperty('municipality');
    expect(reply.accessLog).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'read',
          resourceType: 'ParticipationNeed',
        }),
      ]),
    );
  });

  it('answers nothing for another municipality, and a malformed request never leaves the caller', async () => {
    expect(
      (
        await asCaller('131016', () => client.call(CollectMatchingSubjectRecordsRpc, { personId }))
      ).records,
    ).toEqual([]);
    // A municipality named in the payload is ignored: the caller's own (the header) decides.
    expect((await asCaller('131016', () => client.call(CollectMatchingSubjectRecordsRpc, { municipality: '372013', personId }))).records).toEqual([]);
    await expect(
      asCaller('372013', () => client.call(CollectMatchingSubjectRecordsRpc, { personId: 'not-a-uuid' })),
    ).rejects.toThrow(ContractViolationError);
  });

  it('is refused, as Unauthenticated, when the request names no caller municipality (not sent by RpcClient)', async () => {
    // Even a municipality in the payload does not stand in for the header: RpcNatsServer refuses before the handler.
    const raw = await new Promise((resolve) => callerProxy.send(CollectMatchingSubjectRecordsRpc.subject, { municipality: '372013', personId }).subscribe({ error: resolve, next: resolve }));
    expect(raw).toMatchObject({ code: DomainErrorCode.Unauthenticated });
    expect(JSON.stringify(raw)).not.toContain('開示マーカー');
  });

  it('declares in the 個人情報ファイル簿 every stored field of its files’ entities (the register stays true to the data model)', () => {
    for (const file of MATCHING_PERSONAL_INFORMATION_FILES) {
      for (const [entity, fields] of Object.entries(file.entities)) {
        const stored = Object.keys(matching.orm.getMetadata().find(entity)?.properties ?? {}).filter((field) => !TECHNICAL_FIELDS.includes(field));
        expect({ entity, fields: [...stored].sort() }).toEqual({
          entity,
          fields: [...fields].sort(),
        });
      }
    }
  });
});
