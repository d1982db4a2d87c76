import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { TenantContext } from '@tsunagu/platform-context';
import { Migration20261203090000 } from '../src/migrations/Migration20261203090000';
import { expectProblem, startIntake, type IntakeUnderTest } from './intake-app';

describe('intake: people and households', () => {
  let intake: IntakeUnderTest;

  beforeAll(async () => {
    intake = await startIntake();
  });
  afterAll(() => intake.close());

  it('stores half-width kana as full-width katakana and keeps 外字 exactly as entered', async () => {
    const created = await intake.call('POST', '/persons', {
      body: { familyName: '𠮷田', givenName: '髙﨑', familyNameKana: 'ﾖｼﾀﾞ', givenNameKana: 'たかさき', birthDate: '1980-01-02' },
    });
    expect(created.status).toBe(201);
    expect(created.body.familyNameKana).toBe('ヨシダ');
    expect(created.body.givenNameKana).toBe('タカサキ');
    const fullWidth = await intake.call('PATCH', `/persons/${created.body.id}`, { body: { address: { postalCode: '７６０００１７', machiaza: '番町一丁目' }, version: 1 } });
    expect(fullWidth.body.address).toEqual({ postalCode: '760-0017', machiaza: '番町一丁目' });
    const read = await intake.call('GET', `/persons/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.familyName).toBe('𠮷田');
    expect(read.body.givenName).toBe('髙﨑');
    expect(read.body.familyName.codePointAt(0)).toBe(0x20bb7);
    expect(read.headers['etag']).toBe('"2"');
    // Search by kana in any width and by the unfolded kanji.
    expect((await intake.call('GET', '/persons?q=ﾖｼﾀﾞ')).body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
    expect((await intake.call('GET', `/persons?q=${encodeURIComponent('𠮷田')}`)).body.total).toBe(1);
    expect((await intake.call('GET', `/persons?q=${encodeURIComponent('吉田')}`)).body.total).toBe(0);
  });

  it('refuses implausible people (400 naming the field): no name, a name without 姓 or セイ, a future or impossible birth date; defaults to 未確認', async () => {
    const before = (await intake.call('GET', '/persons?perPage=1')).body.total;
    const refused = async (body: Record<string, unknown>, field: string) => {
      const reply = await intake.call('POST', '/persons', { body });
      expectProblem(reply, 400);
      expect(Object.keys(reply.body.errors)).toEqual([field]);
    };
    await refused({}, 'familyName');
    await refused({ sex: 'male', birthDate: '1950-01-01' }, 'familyName');
    await refused({ givenName: '太郎', givenNameKana: 'タロウ' }, 'familyName');
    await refused({ identityLevel: 'anonymous' }, 'familyName');
    // An alias names someone whose name is not known, so their identity cannot be 未確認 or 確認済.
    await refused({ aliasName: 'マサさん' }, 'identityLevel');
    await refused({ familyName: '未来', familyNameKana: 'ミライ', identityLevel: 'alias-only' }, 'aliasName');
    const tomorrow = new Date(Date.now() + 9 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
    await refused({ familyName: '未来', familyNameKana: 'ミライ', birthDate: tomorrow }, 'birthDate');
    await refused({ familyName: '未来', familyNameKana: 'ミライ', birthDate: '1950-02-30' }, 'birthDate');
    await refused({ familyName: '未来', familyNameKana: 'ミライ', birthDate: '1950-01-01', deceasedOn: '1949-12-31' }, 'deceasedOn');
    expect((await intake.call('GET', '/persons?perPage=1')).body.total).toBe(before);

    // What a 受付票 records: a family name (or only its kana), 未確認 until staff check it.
    const kanaOnly = await intake.call('POST', '/persons', { body: { familyNameKana: 'ｶﾞﾜ', sex: 'unknown' } });
    expect(kanaOnly.status).toBe(201);
    expect(kanaOnly.body).toMatchObject({ familyName: null, familyNameKana: 'ガワ', identityLevel: 'unconfirmed' });
    const unnamed = await intake.call('POST', '/persons', { body: { aliasName: '屋島西町の単身男性（70代）', identityLevel: 'household-or-address-only', birthDate: '1950-01-01', birthDatePrecision: 'year' } });
    expect(unnamed.status).toBe(201);
    expect(unnamed.body).toMatchObject({ aliasName: '屋島西町の単身男性（70代）', identityLevel: 'household-or-address-only' });
    // An update is checked on the record as it would be saved.
    const cleared = await intake.call('PATCH', `/persons/${kanaOnly.body.id}`, { body: { familyNameKana: null, version: 1 } });
    expectProblem(cleared, 400);
    expect(Object.keys(cleared.body.errors)).toEqual(['familyName']);
    const future = await intake.call('PATCH', `/persons/${kanaOnly.body.id}`, { body: { birthDate: tomorrow, version: 1 } });
    expect(Object.keys(future.body.errors)).toEqual(['birthDate']);
    const checked = await intake.call('PATCH', `/persons/${kanaOnly.body.id}`, { body: { familyName: '川', identityLevel: 'confirmed', version: 1 } });
    expect(checked.body).toMatchObject({ familyName: '川', identityLevel: 'confirmed' });
  });

  it('returns duplicate candidates for the same kana + birth date and for the same phone, and proceeds only when confirmed', async () => {
    const first = await intake.call('POST', '/persons', {
      body: { familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', birthDate: '1975-05-05', phones: [{ type: 'mobile', number: '090-1111-2222' }] },
    });
    expect(first.status).toBe(201);
    const before = (await intake.call('GET', '/persons?perPage=1')).body.total;

    const sameKana = await intake.call('POST', '/persons', { body: { familyName: '山田', givenName: '太朗', familyNameKana: 'ﾔﾏﾀﾞ', givenNameKana: 'ﾀﾛｳ', birthDate: '1975-05-05' } });
    expectProblem(sameKana, 409);
    expect(sameKana.body.candidates).toEqual([expect.objectContaining({ id: first.body.id, matchedOn: ['kana-birth-date'] })]);

    const samePhone = await intake.call('POST', '/persons', { body: { familyName: '佐藤', givenName: '花子', familyNameKana: 'サトウ', givenNameKana: 'ハナコ', phones: [{ type: 'home', number: '０９０－１１１１－２２２２' }] } });
    expectProblem(samePhone, 409);
    expect(samePhone.body.candidates).toEqual([expect.objectContaining({ id: first.body.id, matchedOn: ['phone'] })]);
    expect((await intake.call('GET', '/persons?perPage=1')).body.total).toBe(before);

    const precheck = await intake.call('GET', `/persons/duplicate-candidates?familyNameKana=${encodeURIComponent('やまだ')}&givenNameKana=${encodeURIComponent('たろう')}&birthDate=1975-05-05`);
    expect(precheck.body.map((c: { id: string }) => c.id)).toEqual([first.body.id]);

    const confirmed = await intake.call('POST', '/persons', {
      body: { familyName: '山田', givenName: '太朗', familyNameKana: 'ﾔﾏﾀﾞ', givenNameKana: 'ﾀﾛｳ', birthDate: '1975-05-05', confirmNotDuplicate: true },
    });
    expect(confirmed.status).toBe(201);
  });

  it('hides a DV-protected address from a caseworker and shows it to a supervisor', async () => {
    const supervisor = await intake.token({ subject: 'supervisor-1', roles: ['supervisor'] });
    const created = await intake.call('POST', '/persons', {
      token: supervisor,
      body: {
        familyName: '匿名',
        givenName: '一子',
        familyNameKana: 'トクメイ',
        givenNameKana: 'カズコ',
        address: { postalCode: '760-0017', prefecture: '香川県', municipalityName: '高松市', machiaza: '番町一丁目', banchi: '1番1号' },
        addressRaw: '高松市番町一丁目1-1',
        districtId: '01900000-0000-7000-8000-0000000000d1',
        dvAddressProtection: true,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.address.machiaza).toBe('番町一丁目');

    const asCaseworker = await intake.call('GET', `/persons/${created.body.id}`);
    expect(asCaseworker.status).toBe(200);
    expect(asCaseworker.body).toMatchObject({ address: null, addressRaw: null, districtId: null, addressMasked: true, familyName: '匿名' });
    expect(asCaseworker.text).not.toContain('番町');
    const listed = await intake.call('GET', `/persons?q=${encodeURIComponent('トクメイ')}`);
    expect(listed.body.items[0].addressMasked).toBe(true);
    expect(listed.text).not.toContain('番町');
    // Nor can the district filter reveal where the person lives.
    expect((await intake.call('GET', '/persons?districtId=01900000-0000-7000-8000-0000000000d1')).body.total).toBe(0);
    // A caseworker cannot overwrite the protected address blind.
    const blind = await intake.call('PATCH', `/persons/${created.body.id}`, { body: { addressRaw: 'どこか', version: 1 } });
    expectProblem(blind, 400);

    const asSupervisor = await intake.call('GET', `/persons/${created.body.id}`, { token: supervisor });
    expect(asSupervisor.body.addressRaw).toBe('高松市番町一丁目1-1');
    expect(asSupervisor.body.addressMasked).toBe(false);
  });

  it('masks the district of a household with a DV-protected member, and keeps the district filter from revealing it', async () => {
    const supervisor = await intake.token({ subject: 'supervisor-2', roles: ['supervisor'] });
    const district = '01900000-0000-7000-8000-0000000000d2';
    const protectedPerson = await intake.call('POST', '/persons', {
      token: supervisor,
      body: { familyName: '保護', givenName: '二子', familyNameKana: 'ホゴ', givenNameKana: 'フタコ', districtId: district, dvAddressProtection: true },
    });
    const household = await intake.call('POST', '/households', {
      token: supervisor,
      body: { label: '保護家', keyPersonId: protectedPerson.body.id, districtId: district, members: [{ personId: protectedPerson.body.id, relationToKey: 'self' }] },
    });
    expect(household.status).toBe(201);
    expect(household.body).toMatchObject({ districtId: district, districtMasked: false });

    const asCaseworker = await intake.call('GET', `/households/${household.body.id}`);
    expect(asCaseworker.body).toMatchObject({ districtId: null, districtMasked: true, label: '保護家' });
    const filtered = await intake.call('GET', `/households?districtId=${district}`);
    expect(filtered.body).toMatchObject({ total: 0 });
    expect((await intake.call('GET', `/households?districtId=${district}`, { token: supervisor })).body.total).toBe(1);
    const blind = await intake.call('PATCH', `/households/${household.body.id}`, { body: { districtId: '01900000-0000-7000-8000-0000000000d3', version: 1 } });
    expectProblem(blind, 400);
    expect(blind.body.errors).toHaveProperty('districtId');
  });

  it('publishes a protection as ids and codes, and never a protected household\'s district, also when the flag changes later', async () => {
    const supervisor = await intake.token({ subject: 'supervisor-3', roles: ['supervisor'] });
    const district = '01900000-0000-7000-8000-0000000000d4';
    const protectedPerson = (
      await intake.call('POST', '/persons', {
        token: supervisor,
        body: { familyName: '秘匿', givenName: '三子', familyNameKana: 'ヒトク', givenNameKana: 'ミツコ', addressRaw: '高松市丸の内1-1', districtId: district, dvAddressProtection: true, identityLevel: 'confirmed' },
      })
    ).body.id as string;
    const partner = (await intake.call('POST', '/persons', { body: { familyName: '同居', givenName: '人', familyNameKana: 'ドウキョ', givenNameKana: 'ヒト', districtId: district } })).body.id as string;
    const household = await intake.call('POST', '/households', {
      token: supervisor,
      body: { label: '秘匿家', keyPersonId: protectedPerson, districtId: district, members: [{ personId: protectedPerson, relationToKey: 'self' }, { personId: partner, relationToKey: 'cohabitant' }] },
    });
    expect(household.status).toBe(201);
    const householdId = household.body.id as string;

    const about = async (id: string) => (await intake.events()).filter((event) => event.event.subject === id);
    await expectEventually(async () => {
      const protections = (await about(protectedPerson)).filter((event) => event.subject === 'tsunagu.evt.intake.person.protection-changed');
      expect(protections.map((event) => event.event.data)).toEqual([
        { personId: protectedPerson, householdIds: [], protections: ['dv-address'] },
        { personId: protectedPerson, householdIds: [householdId], protections: ['dv-address'] },
      ]);
      const registered = (await about(householdId)).find((event) => event.subject === 'tsunagu.evt.intake.household.registered');
      expect(registered?.event.data).toMatchObject({ householdId, districtId: null, districtWithheld: true });
    });
    // person.registered states the protections too (a receiver never knows the person without them); the unprotected
    // partner gets no protection event; nothing published names the place.
    expect((await about(protectedPerson)).find((event) => event.subject === 'tsunagu.evt.intake.person.registered')?.event.data).toEqual({ personId: protectedPerson, identityLevel: 'confirmed', protections: ['dv-address'] });
    expect((await about(partner)).map((event) => [event.subject, event.event.data['protections']])).toEqual([['tsunagu.evt.intake.person.registered', []]]);
    for (const event of await intake.events()) {
      if ([protectedPerson, householdId].includes(event.event.subject)) {
        expect(event.json).not.toContain(district);
        expect(event.json).not.toContain('丸の内');
      }
    }

    // Lifting the protection (permitted staff only) announces it and discloses the household's district again.
    const lifted = await intake.call('PATCH', `/persons/${protectedPerson}`, { token: supervisor, body: { dvAddressProtection: false, version: 1 } });
    expect(lifted.status).toBe(200);
    await expectEventually(async () => {
      const last = (await about(protectedPerson)).filter((event) => event.subject === 'tsunagu.evt.intake.person.protection-changed').at(-1);
      expect(last?.event.data).toEqual({ personId: protectedPerson, householdIds: [householdId], protections: [] });
      const updated = (await about(householdId)).filter((event) => event.subject === 'tsunagu.evt.intake.household.updated').at(-1);
      expect(updated?.event.data).toMatchObject({ districtId: district, districtWithheld: false });
    });
    // Setting the flag on the partner (staff who see the address may) withholds the household's district again.
    const flagged = await intake.call('PATCH', `/persons/${partner}`, { body: { dvAddressProtection: true, version: 1 } });
    expect(flagged.status).toBe(200);
    await expectEventually(async () => {
      expect((await about(partner)).filter((event) => event.subject === 'tsunagu.evt.intake.person.protection-changed').map((event) => event.event.data)).toEqual([
        { personId: partner, householdIds: [householdId], protections: ['dv-address'] },
      ]);
      const updated = (await about(householdId)).filter((event) => event.subject === 'tsunagu.evt.intake.household.updated').at(-1);
      expect(updated?.event.data).toMatchObject({ districtId: null, districtWithheld: true });
    });
  });

  it('announces, on migration, the protections recorded before intake published them (outbox, like any event)', async () => {
    const district = '01900000-0000-7000-8000-0000000000d5';
    const person = (await intake.call('POST', '/persons', { body: { familyName: '以前', givenName: '保護', familyNameKana: 'イゼン', givenNameKana: 'ホゴ', districtId: district } })).body.id as string;
    const household = (await intake.call('POST', '/households', { body: { label: '以前家', keyPersonId: person, districtId: district, members: [{ personId: person, relationToKey: 'self' }] } })).body.id as string;
    // The flag as it was set before this release: no event announced it.
    await asSystem(intake.orm, 'update "intake"."person" set dv_address_protection = true where id = ?', [person]);
    // As `migrate` runs migrations: system work under row-level security.
    await TenantContext.runAsSystem(undefined, () =>
      new Migration20261203090000(intake.orm.em.getDriver() as unknown as ConstructorParameters<typeof Migration20261203090000>[0], intake.orm.config).up(),
    );
    await expectEventually(async () => {
      const events = (await intake.events()).filter((event) => [person, household].includes(event.event.subject));
      expect(events.find((event) => event.subject === 'tsunagu.evt.intake.person.protection-changed')?.event).toMatchObject({
        municipality: '372013',
        data: { personId: person, householdIds: [household], protections: ['dv-address'] },
      });
      expect(events.filter((event) => event.subject === 'tsunagu.evt.intake.household.updated').at(-1)?.event.data).toMatchObject({ householdId: household, districtId: null, districtWithheld: true });
    });
  });

  it('expresses 8050, double care and young carers as household care edges', async () => {
    const person = async (familyName: string, givenName: string, kana: string, birthDate: string) =>
      (await intake.call('POST', '/persons', { body: { familyName, givenName, familyNameKana: kana, givenNameKana: givenName === '一' ? 'ハジメ' : 'テスト', birthDate, confirmNotDuplicate: true } })).body.id as string;
    const father = await person('讃岐', '一', 'サヌキ', '1940-01-01');
    const son = await person('讃岐', '二', 'サヌキ', '1972-01-01');
    const carer = await person('讃岐', '三', 'サヌキ', '2012-01-01');
    const household = await intake.call('POST', '/households', {
      body: {
        label: '讃岐家',
        keyPersonId: father,
        members: [
          { personId: father, relationToKey: 'self' },
          { personId: son, relationToKey: 'child', careEdges: [{ toPersonId: father, kind: 'financial-dependency' }] },
          { personId: carer, relationToKey: 'grandchild', mainCarer: true, careEdges: [{ toPersonId: father, kind: 'care' }] },
        ],
      },
    });
    expect(household.status).toBe(201);
    expect(household.body.members.find((m: { personId: string }) => m.personId === carer)).toMatchObject({ mainCarer: true, isMinor: true, careEdges: [{ toPersonId: father, kind: 'care' }] });
    expect((await intake.call('GET', `/households?personId=${son}`)).body.items.map((h: { id: string }) => h.id)).toEqual([household.body.id]);

    const badEdge = await intake.call('POST', '/households', { body: { label: 'x', members: [{ personId: father, relationToKey: 'self', careEdges: [{ toPersonId: son, kind: 'care' }] }] } });
    expectProblem(badEdge, 400);
    expect(Object.keys(badEdge.body.errors)).toEqual(['members.0.careEdges']);
  });

  it('keeps analysts away from people, agencies to the people their desk relates to, and tokens of another municipality see nothing', async () => {
    const analyst = await intake.token({ roles: ['analyst'] });
    expectProblem(await intake.call('GET', '/persons', { token: analyst }), 403);
    // An agency system works with people as its desk does: none of these people has a relationship with it (access model).
    const agency = await intake.call('GET', '/persons', { token: await intake.agencyToken('01900000-0000-7000-8000-000000000003') });
    expect(agency.status).toBe(200);
    expect(agency.body.total).toBe(0);
    expectProblem(await intake.call('GET', '/persons', { token: null }), 401);

    const any = (await intake.call('GET', '/persons?perPage=1')).body.items[0];
    const marugame = await intake.token({ roles: ['admin'], municipality: '372021' });
    expect((await intake.call('GET', '/persons', { token: marugame })).body.total).toBe(0);
    expectProblem(await intake.call('GET', `/persons/${any.id}`, { token: marugame }), 404);
  });

  it('audits every read of a person', async () => {
    const any = (await intake.call('GET', '/persons?perPage=1')).body.items[0];
    await intake.call('GET', `/persons/${any.id}`);
    const rows = await asSystem(intake.orm, `select action, resource_type, resource_id, actor, outcome from intake.audit_record where resource_id = ? order by seq`, [any.id]);
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'read', resource_type: 'Person', actor: 'caseworker-1', outcome: 'success' })]));
  });
});
