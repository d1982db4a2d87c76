import { expectProblem, needBody, startMatching, type MatchingUnderTest } from './matching-app';

describe('matching: Idempotency-Key on POSTs', () => {
  let matching: MatchingUnderTest;

  beforeAll(async () => {
    matching = await startMatching();
  });
  afterAll(() => matching.close());

  it('replays the first response for a retried request instead of registering a second need', async () => {
    const body = needBody(await matching.knownPerson());
    const headers = { 'idempotency-key': 'need-retry-1' };
    const before = (await matching.call('GET', '/needs')).body.total;
    const first = await matching.call('POST', '/needs', { body, headers });
    expect(first.status).toBe(201);
    const retry = await matching.call('POST', '/needs', { body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await matching.call('GET', '/needs')).body.total).toBe(before + 1);
    const different = await matching.call('POST', '/needs', { body: needBody(await matching.knownPerson()), headers });
    expectProblem(different, 409);
    expect(different.body.errors['Idempotency-Key']).toBeDefined();
  });
});
