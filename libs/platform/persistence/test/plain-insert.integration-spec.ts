import { ArrayType, BeforeCreate, Entity, ManyToOne, MikroORM, Property, type EntityManager, type EventArgs, type EventSubscriber } from '@mikro-orm/postgresql';
import { TenantContext } from '@tsunagu/platform-context';
import { createTestDatabase, type TestDatabase } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { ormOptions } from '../src/lib/orm-options';
import { insertWithCommit, plainInsertStatement } from '../src/lib/plain-insert';
import { TenantEntity, TenantScoped } from '../src/lib/tenant-entity';

@TenantScoped()
@Entity({ tableName: 'gathering' })
class Gathering extends TenantEntity {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  tags: string[] = [];

  @Property({ type: 'json', nullable: true })
  contact: { phone: string; memo?: string } | null = null;

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property({ type: 'boolean' })
  open = false;

  @Property({ type: 'date', nullable: true })
  startsOn: string | null = null;

  /** Derived by a hook, as the registry's search text is. */
  @Property({ type: 'text' })
  searchText = '';

  @BeforeCreate()
  protected derive(): void {
    this.searchText = `${this.name} ${this.note ?? ''}`.trim().toLowerCase();
  }
}

@TenantScoped()
@Entity({ tableName: 'gathering_visit' })
class GatheringVisit extends TenantEntity {
  @ManyToOne({ entity: () => Gathering })
  gathering!: Gathering;
}

/** Values that must arrive as written: quotes, backslashes, placeholders, commas and braces inside array items. */
const awkward = (): Partial<Gathering> => ({
  name: `O'Brien の "集い" \\ ? $1 ${'?'}`,
  note: 'line one\nline two; drop table gathering; --',
  tags: ['a,b', '{c}', 'd"e', 'ｆ\\g', ''],
  contact: { phone: '087-000-0000', memo: "it's ? \\ fine" },
  capacity: 12,
  open: true,
  startsOn: '2027-02-28',
});

const TAKAMATSU = '372013';

describe('insertWithCommit: one new row sent with the COMMIT, outside the unit of work (ADR 0023)', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  const created: string[] = [];
  const listener: EventSubscriber = {
    beforeCreate(args: EventArgs<object>) {
      created.push(`${args.meta?.className}:${(args.entity as { id: string }).id}`);
    },
  };

  beforeAll(async () => {
    database = await createTestDatabase('persistence_plain_insert');
    orm = await MikroORM.init(ormOptions({ service: 'persistence_plain_insert_test', entities: [Gathering, GatheringVisit], migrations: [] }, { databaseUrl: database.url }));
    await orm.schema.createSchema();
    orm.em.getEventManager().registerSubscriber(listener);
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  const inTakamatsu = <R>(work: () => Promise<R>) => TenantContext.run({ requestId: 'r', municipality: TAKAMATSU }, work);
  const rowOf = async (id: string) =>
    (await orm.em.fork().getConnection().execute(`select * from "persistence_plain_insert_test"."gathering" where id = ?`, [id]))[0] as Record<string, unknown> | undefined;

  it('writes the row the unit of work writes: hooks, defaults, version, arrays, JSON and awkward text', async () => {
    const viaFlush = Object.assign(new Gathering(), awkward());
    const viaInsert = Object.assign(new Gathering(), awkward());
    await inTakamatsu(async () => {
      const em = orm.em.fork();
      await em.persistAndFlush(viaFlush);
      await orm.em.fork().transactional((tx) => insertWithCommit(tx, viaInsert));
    });
    const [flushed, inserted] = [await rowOf(viaFlush.id), await rowOf(viaInsert.id)];
    expect(inserted).toBeDefined();
    const comparable = (row: Record<string, unknown> | undefined) => ({ ...row, id: undefined, created_at: undefined, updated_at: undefined });
    expect(comparable(inserted)).toEqual(comparable(flushed));
    expect(inserted).toMatchObject({ municipality: TAKAMATSU, version: 1, name: awkward().name, tags: awkward().tags, contact: awkward().contact });
    expect(new Date(inserted?.['created_at'] as string).toISOString()).toBe(viaInsert.createdAt.toISOString());
    // The entity itself is what the caller answers with: the version the row has, the hook's derived text.
    expect([viaInsert.version, viaInsert.municipality, viaInsert.searchText]).toEqual([1, TAKAMATSU, viaFlush.searchText]);
    // Subscribers hear of the row as of one the unit of work creates (the audit record's created id).
    expect(created).toContain(`Gathering:${viaInsert.id}`);
  });

  it('sends nothing before the COMMIT, and a rollback leaves no row', async () => {
    const gathering = Object.assign(new Gathering(), { name: '朝の体操' });
    await inTakamatsu(() =>
      orm.em.fork().transactional(async (tx) => {
        await insertWithCommit(tx, gathering);
        // Queued on the connection, not yet sent: the transaction itself does not see the row.
        const [inside] = await tx.getConnection().execute(`select count(*)::int as n from "persistence_plain_insert_test"."gathering" where id = ?`, [gathering.id], 'all', tx.getTransactionContext());
        expect(inside.n).toBe(0);
      }),
    );
    expect(await rowOf(gathering.id)).toMatchObject({ name: '朝の体操' });

    const undone = Object.assign(new Gathering(), { name: '取り消し' });
    await expect(
      inTakamatsu(() =>
        orm.em.fork().transactional(async (tx) => {
          await insertWithCommit(tx, undone);
          throw new Error('the use case refused after the insert');
        }),
      ),
    ).rejects.toThrow('refused');
    expect(await rowOf(undone.id)).toBeUndefined();
  });

  it('fails the COMMIT when the row is refused, and commits nothing of the transaction', async () => {
    const first = Object.assign(new Gathering(), { name: '一つ目' });
    const duplicate = Object.assign(new Gathering(), { name: '同じ id', id: uuidv7() });
    await inTakamatsu(() => orm.em.fork().transactional((tx) => insertWithCommit(tx, duplicate)));
    await expect(
      inTakamatsu(() =>
        orm.em.fork().transactional(async (tx) => {
          await insertWithCommit(tx, first);
          await insertWithCommit(tx, Object.assign(new Gathering(), { name: '重複', id: duplicate.id }));
        }),
      ),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await rowOf(first.id)).toBeUndefined();
    expect(await rowOf(duplicate.id)).toMatchObject({ name: '同じ id' });
  });

  it('sends the row at once outside a transaction', async () => {
    const gathering = Object.assign(new Gathering(), { name: '単独' });
    await inTakamatsu(() => insertWithCommit(orm.em.fork() as EntityManager, gathering));
    expect(await rowOf(gathering.id)).toMatchObject({ name: '単独', version: 1 });
  });

  it('writes several rows in one statement, an unset property as its column default (the outbox events)', async () => {
    const [set, unset] = [Object.assign(new Gathering(), { name: '版あり', municipality: TAKAMATSU, version: 5 }), Object.assign(new Gathering(), { name: '版なし', municipality: TAKAMATSU })];
    const { sql, values } = plainInsertStatement(orm.em, [set, unset]);
    expect(sql).toContain('default');
    expect(values).not.toContain(undefined);
    await TenantContext.runAsSystem(undefined, () => orm.em.fork().getConnection().execute(sql, values, 'run'));
    expect([(await rowOf(set.id))?.['version'], (await rowOf(unset.id))?.['version']]).toEqual([5, 1]);
  });

  it('refuses an entity with a reference object: the unit of work writes those', async () => {
    const visit = new GatheringVisit();
    await expect(inTakamatsu(() => orm.em.fork().transactional((tx) => insertWithCommit(tx, visit)))).rejects.toThrow(/GatheringVisit\.gathering is not a plain column/);
  });
});
