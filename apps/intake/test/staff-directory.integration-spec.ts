import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { captureServiceLogs } from '@tsunagu/platform-observability';
import { CapturedLines } from '@tsunagu/platform-testing';
import { DESK, expectProblem, startIntake, type IntakeUnderTest } from './intake-app';

const HOUKATSU = DEMO_ORGANIZATIONS.communityCareCentre.id;
/** A display name no other fixture uses: found nowhere in the service's logs. */
const MARKER_NAME = '目印 職員ZQX';

/**
 * 職員名簿 (issue 15): records keep staff by login subject; each member of staff enters their display name by signing
 * in (from their own token), and whoever reads a record reads the names behind its subjects.
 */
describe('intake: staff directory (職員名簿)', () => {
  const logs = new CapturedLines();
  let stopCapture: () => void;
  let intake: IntakeUnderTest;

  const signIn = async (subject: string, name: unknown, options: { agency?: string; roles?: string[]; municipality?: string } = {}) =>
    intake.call('POST', '/staff/me', {
      token: await intake.token({ subject, roles: options.roles ?? ['caseworker'], agency: options.agency, municipality: options.municipality, extraClaims: name === undefined ? {} : { name } }),
    });

  beforeAll(async () => {
    stopCapture = captureServiceLogs(logs.stream);
    intake = await startIntake({ LOG_LEVEL: 'debug' });
  });
  afterAll(async () => {
    await intake.close();
    stopCapture();
  });

  it('enters the signed-in person from their token (name, desk) and refreshes them on the next sign-in', async () => {
    const first = await signIn('staff-yashima', '屋島 健一');
    expect(first.status).toBe(200);
    // City staff carry no agency: the city desk is theirs.
    expect(first.body).toMatchObject({ id: 'staff-yashima', subject: 'staff-yashima', displayName: '屋島 健一', organizationId: DESK });
    const desk = await signIn('staff-ichinomiya', '一宮 さくら', { agency: HOUKATSU });
    expect(desk.body).toMatchObject({ displayName: '一宮 さくら', organizationId: HOUKATSU });

    const renamed = await signIn('staff-yashima', '屋島 健一郎');
    expect(renamed.status).toBe(200);
    expect(renamed.body.displayName).toBe('屋島 健一郎');
    expect(new Date(renamed.body.lastSignedInAt).getTime()).toBeGreaterThanOrEqual(new Date(first.body.lastSignedInAt).getTime());
    const read = await intake.call('GET', '/staff/staff-yashima');
    expect(read.body.displayName).toBe('屋島 健一郎');
  });

  it('takes nothing from the body, refuses machine clients (403) and tokens without a name (400 naming name)', async () => {
    const forged = await intake.call('POST', '/staff/me', {
      token: await intake.token({ subject: 'staff-honest', roles: ['caseworker'], extraClaims: { name: '本物 太郎' } }),
      body: { displayName: '偽物', subject: 'staff-yashima' },
    });
    expect(forged.status).toBe(200);
    expect(forged.body).toMatchObject({ subject: 'staff-honest', displayName: '本物 太郎' });

    expectProblem(await intake.call('POST', '/staff/me', { token: await intake.agencyToken(HOUKATSU) }), 403);
    for (const name of [undefined, '', '   ', 42, 'a\u0000b']) {
      const refused = await signIn('staff-nameless', name);
      expectProblem(refused, 400);
      expect(Object.keys(refused.body.errors)).toEqual(['name']);
    }
    expectProblem(await intake.call('GET', '/staff/staff-nameless'), 404);
  });

  it('finds staff by a part of the name with or without its space, or by login, and reads the names of a page of subjects', async () => {
    await signIn('staff-kurihara', '栗林 恵子', { roles: ['supervisor'] });
    const byName = await intake.call('GET', `/staff?q=${encodeURIComponent('栗林恵')}`);
    expect(byName.body.items.map((member: { subject: string }) => member.subject)).toEqual(['staff-kurihara']);
    const byLogin = await intake.call('GET', '/staff?q=KURIHARA');
    expect(byLogin.body.items.map((member: { subject: string }) => member.subject)).toEqual(['staff-kurihara']);

    const page = await intake.call('GET', '/staff?subjects=staff-kurihara,staff-ichinomiya,never-signed-in');
    expect(page.status).toBe(200);
    expect(page.body.items.map((member: { subject: string }) => member.subject).sort()).toEqual(['staff-ichinomiya', 'staff-kurihara']);
    const ofDesk = await intake.call('GET', `/staff?organizationId=${HOUKATSU}`);
    expect(ofDesk.body.items.map((member: { subject: string }) => member.subject)).toEqual(['staff-ichinomiya']);

    const tooMany = await intake.call('GET', `/staff?subjects=${Array.from({ length: 101 }, (_, index) => `s${index}`).join(',')}`);
    expectProblem(tooMany, 400);
    expect(Object.keys(tooMany.body.errors)).toContain('subjects');
  });

  it('is read by every role of the municipality and by no other municipality', async () => {
    for (const roles of [['analyst'], ['auditor'], ['outreach-worker'], ['participation-worker'], ['coordinator'], ['agency']]) {
      const read = await intake.call('GET', '/staff?subjects=staff-kurihara', { token: await intake.token({ subject: 'reader', roles }) });
      expect(read.body.items).toHaveLength(1);
    }
    await signIn('marugame-1', '丸亀 一郎', { municipality: '372021' });
    const elsewhere = await intake.call('GET', '/staff?subjects=staff-kurihara,marugame-1', { token: await intake.token({ subject: 'marugame-2', roles: ['caseworker'], municipality: '372021' }) });
    expect(elsewhere.body.items.map((member: { subject: string }) => member.subject)).toEqual(['marugame-1']);
    expectProblem(await intake.call('GET', '/staff/staff-kurihara', { token: await intake.token({ subject: 'marugame-2', roles: ['caseworker'], municipality: '372021' }) }), 404);
  });

  it('never writes a display name to the logs', async () => {
    expect((await signIn('staff-marker', MARKER_NAME)).status).toBe(200);
    await intake.call('GET', `/staff?q=${encodeURIComponent(MARKER_NAME)}`);
    await intake.call('GET', '/staff/staff-marker');
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.containing(MARKER_NAME)).toEqual([]);
    expect(logs.containing('目印')).toEqual([]);
  });
});
