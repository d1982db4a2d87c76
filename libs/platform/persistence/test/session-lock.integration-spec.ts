import { Entity, MikroORM, PrimaryKey } from '@mikro-orm/postgresql';
import { createTestDatabase, expectEventually, type TestDatabase } from '@tsunagu/platform-testing';
import { ormOptions } from '../src/lib/orm-options';
import { SessionLock } from '../src/lib/session-lock';

@Entity({ tableName: 'lock_probe' })
class LockProbe {
  @PrimaryKey({ type: 'integer' })
  id!: number;
}

/** Two replicas' ORMs on one database, each with its own pool, as two pods would have. */
let database: TestDatabase;
const orms: MikroORM[] = [];

function lockOf(orm: MikroORM, key = 'persistence-test:leader'): SessionLock {
  return new SessionLock(() => orm.em.getKnex(), key);
}

describe('SessionLock', () => {
  beforeAll(async () => {
    database = await createTestDatabase('persistence_session_lock');
    for (let replica = 0; replica < 2; replica += 1) {
      orms.push(await MikroORM.init(ormOptions({ service: 'persistence_session_lock_test', entities: [LockProbe], migrations: [] }, { databaseUrl: database.url, poolMax: 2 })));
    }
  });

  afterAll(async () => {
    for (const orm of orms) await orm.close(true);
    await database.drop();
  });

  it('is held by one replica at a time, on a session of its own outside the pool, until it is released', async () => {
    const [first, second] = [lockOf(orms[0]), lockOf(orms[1])];
    expect(await first.tryAcquire()).toBe(true);
    expect(await first.tryAcquire()).toBe(true);
    expect(await second.tryAcquire()).toBe(false);
    expect(second.held).toBe(false);
    expect(() => second.connection).toThrow(/not held/);
    // Its session is not one of the pool's: a request's queries never run on it.
    const pooled = await orms[0].em.fork().execute<{ pid: number }[]>('select pg_backend_pid() as pid');
    expect(first.pid).toEqual(expect.any(Number));
    expect(pooled[0].pid).not.toBe(first.pid);
    await first.release();
    expect(first.held).toBe(false);
    expect(await second.tryAcquire()).toBe(true);
    await second.release();
  });

  it('passes to the other replica as soon as the holder’s session ends, whatever ended it', async () => {
    const [first, second] = [lockOf(orms[0], 'persistence-test:killed'), lockOf(orms[1], 'persistence-test:killed')];
    expect(await first.tryAcquire()).toBe(true);
    expect(await second.tryAcquire()).toBe(false);
    await orms[1].em.fork().execute('select pg_terminate_backend(?)', [first.pid]);
    // pg_terminate_backend signals the backend; its locks go when the process has ended, moments later.
    await expectEventually(async () => expect(await second.tryAcquire()).toBe(true));
    // The holder learns it on its session's next statement; releasing a dead session returns without waiting on it.
    await expect(orms[0].em.getKnex().raw('select 1').connection(first.connection as never)).rejects.toThrow();
    await first.release();
    expect(first.held).toBe(false);
    expect(await first.tryAcquire()).toBe(false);
    await second.release();
    expect(await first.tryAcquire()).toBe(true);
    await first.release();
  });
});
