import { consultationBody, expectProblem, ORG_A, startIntake, type IntakeUnderTest } from './intake-app';

describe('intake: Idempotency-Key on POSTs', () => {
  let intake: IntakeUnderTest;

  beforeAll(async () => {
    intake = await startIntake();
  });
  afterAll(() => intake.close());

  it('replays the first response for a retried request instead of creating a second record', async () => {
    const headers = { 'idempotency-key': 'f3b0c1d2-retry-1' };
    const first = await intake.call('POST', '/consultations', { body: consultationBody(), headers });
    expect(first.status).toBe(201);
    const retry = await intake.call('POST', '/consultations', { body: consultationBody(), headers });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await intake.call('GET', '/consultations')).body.total).toBe(1);

    const different = await intake.call('POST', '/consultations', { body: consultationBody({ urgency: 'high' }), headers });
    expectProblem(different, 409);
    expect(different.body.errors['Idempotency-Key']).toBeDefined();
    // Keys belong to the caller: another user may use the same key for its own request.
    const other = await intake.call('POST', '/consultations', { body: consultationBody(), headers, token: await intake.token({ subject: 'caseworker-2', roles: ['caseworker'] }) });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('lets an agency retry accepting a referral safely, and frees the key of a failed request', async () => {
    const personId = (await intake.call('POST', '/persons', { body: { familyName: '再送', givenName: '試験', familyNameKana: 'サイソウ', givenNameKana: 'シケン' } })).body.id;
    const consultationId = (await intake.call('POST', '/consultations', { body: consultationBody({ personId }) })).body.id;
    await intake.call('POST', '/consents', { body: { personId, scope: 'agency-sharing', method: 'signature', status: 'obtained' } });
    const referral = (await intake.call('POST', '/referrals', { body: { consultationId, toOrganizationId: ORG_A, infoBasis: 'consent' } })).body;
    const agency = await intake.agencyToken(ORG_A);
    const headers = { 'idempotency-key': 'accept-once' };

    const failed = await intake.call('POST', `/referrals/${referral.id}/complete`, { body: {}, headers: { 'idempotency-key': 'complete-early' }, token: agency });
    expectProblem(failed, 409);
    const accepted = await intake.call('POST', `/referrals/${referral.id}/accept`, { body: {}, headers, token: agency });
    const again = await intake.call('POST', `/referrals/${referral.id}/accept`, { body: {}, headers, token: agency });
    expect([accepted.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(accepted.body);
    // The key of the refused request was released: it can be used once the request can succeed.
    const completed = await intake.call('POST', `/referrals/${referral.id}/complete`, { body: {}, headers: { 'idempotency-key': 'complete-early' }, token: agency });
    expect(completed.body.status).toBe('completed');
    expectProblem(await intake.call('POST', '/consultations', { body: consultationBody(), headers: { 'idempotency-key': 'bad key with spaces' } }), 400);
  });
});
