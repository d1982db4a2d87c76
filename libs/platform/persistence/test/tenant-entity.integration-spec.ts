import { Entity, MikroORM, Property } from '@mikro-orm/postgresql';
import { TenantContext } from '@tsunagu/platform-context';
import { createTestDatabase, type TestDatabase } from '@tsunagu/platform-testing';
import { assertVersion, StaleVersionError } from '../src/lib/optimistic-lock';
import { ormOptions } from '../src/lib/orm-options';
import { TenantEntity, TenantScoped } from '../src/lib/tenant-entity';

@TenantScoped()
@Entity({ tableName: 'note' })
class Note extends TenantEntity {
  @Property({ type: 'string' })
  text!: string;
}

describe('TenantEntity', () => {
  let database: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await createTestDatabase('persistence');
    orm = await MikroORM.init(ormOptions({ service: 'persistence_test', entities: [Note], migrations: [] }, { databaseUrl: database.url }));
    await orm.schema.createSchema();
    await TenantContext.runAsSystem(undefined, async () => {
      const em = orm.em.fork();
      em.persist([Object.assign(new Note(), { text: 'takamatsu', municipality: '372013' }), Object.assign(new Note(), { text: 'marugame', municipality: '372021' })]);
      await em.flush();
    });
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  it('shows a request only the rows of its municipality', async () => {
    const texts = await TenantContext.run({ requestId: 'r', municipality: '372013' }, () => orm.em.fork().find(Note, {}));
    expect(texts.map((note) => note.text)).toEqual(['takamatsu']);
  });

  it('fails closed without a municipality, and lets system work see every tenant', async () => {
    expect(await TenantContext.run({ requestId: 'r' }, () => orm.em.fork().find(Note, {}))).toEqual([]);
    expect(await TenantContext.runAsSystem(undefined, () => orm.em.fork().count(Note, {}))).toBe(2);
  });

  it('stamps new rows with the municipality of the request and starts versions at 1', async () => {
    const note = await TenantContext.run({ requestId: 'r', municipality: '372021' }, async () => {
      const em = orm.em.fork();
      const created = Object.assign(new Note(), { text: 'new' });
      em.persist(created);
      await em.flush();
      return created;
    });
    expect(note.municipality).toBe('372021');
    expect(note.version).toBe(1);
  });

  it('detects a stale edit both before and at the UPDATE', async () => {
    await TenantContext.run({ requestId: 'r', municipality: '372013' }, async () => {
      const first = orm.em.fork();
      const second = orm.em.fork();
      const mine = await first.findOneOrFail(Note, { text: 'takamatsu' });
      const theirs = await second.findOneOrFail(Note, { text: 'takamatsu' });
      mine.text = 'mine';
      await first.flush();
      expect(() => assertVersion(theirs, theirs.version, 'Note')).not.toThrow();
      expect(() => assertVersion(mine, 1, 'Note')).toThrow(StaleVersionError);
      theirs.text = 'theirs';
      await expect(second.flush()).rejects.toThrow(/optimistic lock|version/i);
    });
  });
});
