import { contactBody, expectProblem, SHAKYO, startOutreach, targetBody, type OutreachUnderTest } from './outreach-app';

describe('outreach: Idempotency-Key on POSTs', () => {
  let outreach: OutreachUnderTest;

  beforeAll(async () => {
    outreach = await startOutreach();
  });
  afterAll(() => outreach.close());

  it('lets the assigned agency retry logging a visit without a second contact, and refuses the key for another request', async () => {
    const target = (await outreach.call('POST', '/targets', { body: targetBody() })).body;
    const agency = await outreach.agencyToken(SHAKYO);
    const headers = { 'idempotency-key': 'visit-2026-11-26-1' };
    const first = await outreach.call('POST', `/targets/${target.id}/contacts`, { body: contactBody(), headers, token: agency });
    expect(first.status).toBe(201);
    const retry = await outreach.call('POST', `/targets/${target.id}/contacts`, { body: contactBody(), headers, token: agency });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await outreach.call('GET', `/targets/${target.id}/contacts`, { token: agency })).body.total).toBe(1);

    const different = await outreach.call('POST', `/targets/${target.id}/contacts`, { body: contactBody({ result: 'met' }), headers, token: agency });
    expectProblem(different, 409);
    expect(different.body.errors['Idempotency-Key']).toBeDefined();
    expectProblem(await outreach.call('POST', '/targets', { body: targetBody(), headers: { 'idempotency-key': 'bad key with spaces' } }), 400);
  });
});
