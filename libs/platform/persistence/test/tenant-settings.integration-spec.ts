import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { Client } from 'pg';

/** node-postgres' client with the protocol connection it writes to (internal, stable since pg 8). */
type PgClient = Client & { connection: { query(text: string): void; parse(query: unknown): void } };
import { TenantContext } from '@tsunagu/platform-context';
import { createTestDatabase, type TestDatabase } from '@tsunagu/platform-testing';
import { ormOptions } from '../src/lib/orm-options';
import { ridesWithCommit, sendingAtOnce, sendWithCommit } from '../src/lib/tenant-settings';

/** The session settings row-level security reads follow the TenantContext on pooled connections (ADR 0012). */
describe('tenant settings per pooled connection', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  const settings = async () =>
    (await orm.em.getConnection().execute(`select current_setting('app.municipality', true) as municipality, current_setting('app.system', true) as system`))[0];

  beforeAll(async () => {
    database = await createTestDatabase('persistence');
    // One connection: every query below reuses the session the previous one left.
    orm = await MikroORM.init(ormOptions({ service: 'tenant_settings', entities: [], migrations: [] }, { databaseUrl: database.applicationUrl, poolMax: 1 }));
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  it('sets the municipality of the request, system work, and nothing without a context', async () => {
    expect(await TenantContext.run({ requestId: 'r', municipality: '372013' }, settings)).toEqual({ municipality: '372013', system: '' });
    expect(await TenantContext.runAsSystem(undefined, settings)).toEqual({ municipality: '', system: 'on' });
    expect(await TenantContext.run({ requestId: 'r', municipality: '372021' }, settings)).toEqual({ municipality: '372021', system: '' });
    expect(await settings()).toEqual({ municipality: '', system: '' });
  });

  it('keeps the settings of a committed transaction and sets them again after a rollback undid them', async () => {
    await TenantContext.run({ requestId: 'r', municipality: '372013' }, settings);
    const knex = orm.em.getConnection().getKnex();
    // The change of tenant happens inside the transaction; the rollback undoes the session-level set_config.
    await TenantContext.run({ requestId: 'r', municipality: '372021' }, async () => {
      await knex
        .transaction(async (trx) => {
          expect((await trx.raw(`select current_setting('app.municipality', true) as m`)).rows[0].m).toBe('372021');
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(await settings()).toEqual({ municipality: '372021', system: '' });
    });
    await TenantContext.run({ requestId: 'r', municipality: '372021' }, () => orm.em.transactional(async (em) => em.getConnection().execute('select 1', [], 'all', em.getTransactionContext())));
    expect(await TenantContext.run({ requestId: 'r', municipality: '372021' }, settings)).toEqual({ municipality: '372021', system: '' });
  });

  describe('statements sent with the COMMIT (sendWithCommit)', () => {
    const inTenant = <T>(fn: () => Promise<T>) => TenantContext.run({ requestId: 'r', municipality: '372013' }, fn);
    const rows = async () => (await orm.em.getConnection().execute(`select note from tenant_settings.commit_note order by note`)).map((row) => row.note as string);

    beforeAll(async () => {
      // A table without row-level security, created by the owner and written by the application role.
      const owner = new Client({ connectionString: database.url });
      await owner.connect();
      try {
        await owner.query(`create schema tenant_settings`);
        await owner.query(`create table tenant_settings.commit_note (note text not null check (note <> 'refused'), at timestamptz, tags text[])`);
        await owner.query(`grant usage on schema tenant_settings to "${database.applicationRole}"`);
        await owner.query(`grant select, insert, delete on tenant_settings.commit_note to "${database.applicationRole}"`);
      } finally {
        await owner.end();
      }
    });
    beforeEach(() => orm.em.getConnection().execute('delete from tenant_settings.commit_note'));

    /** A transaction that writes `note` and queues `queued` to go with its commit; what commit or sendWithCommit said. */
    const write = (note: string, queued: string) =>
      inTenant(() =>
        orm.em.transactional(async (em) => {
          await em.getConnection().execute(`insert into tenant_settings.commit_note (note) values (?)`, [note], 'run', em.getTransactionContext());
          expect(
            await sendWithCommit(em.getTransactionContext(), 'insert into tenant_settings.commit_note (note, at, tags) values (?, ?, ?::text[])', [queued, new Date(0), ["it's", 'b']]),
          ).toBe(true);
        }),
      );

    it('commits the queued statement with the transaction, values quoted as literals', async () => {
      await write('row', "it's queued");
      expect(await rows()).toEqual(["it's queued", 'row']);
      const [queued] = await orm.em.getConnection().execute(`select at, tags from tenant_settings.commit_note where note <> 'row'`);
      expect([new Date(queued.at).toISOString(), queued.tags]).toEqual(['1970-01-01T00:00:00.000Z', ["it's", 'b']]);
    });

    it('refuses values that do not match the placeholders, before anything is queued: the transaction rolls back', async () => {
      await expect(
        inTenant(() =>
          orm.em.transactional(async (em) => {
            await em.getConnection().execute(`insert into tenant_settings.commit_note (note) values (?)`, ['row'], 'run', em.getTransactionContext());
            await sendWithCommit(em.getTransactionContext(), 'insert into tenant_settings.commit_note (note, at) values (?, ?)', ['only one']);
          }),
        ),
      ).rejects.toThrow('1 values for 2 placeholders');
      expect(await rows()).toEqual([]);
    });

    it('fails the commit when the queued statement fails: neither is written and the connection is clean for the next work', async () => {
      await expect(write('row', 'refused')).rejects.toThrow(/check constraint/);
      expect(await rows()).toEqual([]);
      // The single pooled connection was rolled back, not returned in an aborted transaction.
      await write('next', 'queued');
      expect(await rows()).toEqual(['next', 'queued']);
    });

    it('keeps what the outer transaction queued when a nested one rolls back to its savepoint, and drops what the nested one queued', async () => {
      const queue = (em: EntityManager, note: string) => sendWithCommit(em.getTransactionContext(), `insert into tenant_settings.commit_note (note) values ('${note}')`);
      await inTenant(() =>
        orm.em.transactional(async (em) => {
          await em.getConnection().execute('select 1', [], 'all', em.getTransactionContext());
          await queue(em, 'outer');
          await em
            .transactional(async (nested) => {
              await queue(nested, 'undone');
              await nested.getConnection().execute('select 1', [], 'all', nested.getTransactionContext());
              throw new Error('nested rule failed');
            })
            .catch(() => undefined);
          await em.transactional(async (nested) => {
            await queue(nested, 'released');
            await nested.getConnection().execute('select 1', [], 'all', nested.getTransactionContext());
          });
          await em
            .transactional(async (nested) => {
              await nested.getConnection().execute('select 1', [], 'all', nested.getTransactionContext());
              await nested.transactional(async (deeper) => {
                await queue(deeper, 'deeper-undone');
                await deeper.getConnection().execute('select 1', [], 'all', deeper.getTransactionContext());
              });
              throw new Error('its parent failed after it was released');
            })
            .catch(() => undefined);
        }),
      );
      expect(await rows()).toEqual(['outer', 'released']);
    });

    it('sends at once, where the statement fails itself, while sendingAtOnce runs on the connection (a consumer batch taken with savepoints)', async () => {
      const knex = orm.em.getConnection().getKnex() as unknown as { client: { acquireConnection(): Promise<PgClient>; releaseConnection(c: PgClient): Promise<void> } };
      const connection = await knex.client.acquireConnection();
      await knex.client.releaseConnection(connection);
      const said: boolean[] = [];
      await inTenant(() =>
        orm.em.transactional(async (em) => {
          said.push(await ridesWithCommit(em.getTransactionContext()));
          await sendingAtOnce(connection, async () => {
            said.push(await ridesWithCommit(em.getTransactionContext()));
            expect(await sendWithCommit(em.getTransactionContext(), `insert into tenant_settings.commit_note (note) values ('refused')`)).toBe(false);
            // The caller sends it itself (executeWithCommit does) and hears the refusal from its own statement.
            await expect(em.transactional((nested) => nested.getConnection().execute(`insert into tenant_settings.commit_note (note) values ('refused')`, [], 'run', nested.getTransactionContext()))).rejects.toThrow(/check constraint/);
          });
          said.push(await ridesWithCommit(em.getTransactionContext()));
          await em.getConnection().execute(`insert into tenant_settings.commit_note (note) values ('after')`, [], 'run', em.getTransactionContext());
        }),
      );
      expect(said).toEqual([true, false, true]);
      expect(await rows()).toEqual(['after']);
    });

    it('sets the session to the tenant of the work before a COMMIT whose statements are the transaction’s first', async () => {
      // The session was last used by another municipality: the statements riding with the COMMIT must not run with it.
      expect(await TenantContext.run({ requestId: 'r', municipality: '372021' }, settings)).toEqual({ municipality: '372021', system: '' });
      await inTenant(() =>
        orm.em.transactional(async (em) => {
          expect(await sendWithCommit(em.getTransactionContext(), `insert into tenant_settings.commit_note (note) values (current_setting('app.municipality', true))`)).toBe(true);
        }),
      );
      expect(await rows()).toEqual(['372013']);
      // And in knex's callback form, a new tenant again.
      await TenantContext.run({ requestId: 'r', municipality: '372021' }, () =>
        orm.em.transactional(async (em) => {
          await sendWithCommit(em.getTransactionContext(), `insert into tenant_settings.commit_note (note) values ('second ' || current_setting('app.municipality', true))`);
        }),
      );
      expect(await rows()).toEqual(['372013', 'second 372021']);
    });

    it('drops the queued statement when the transaction rolls back', async () => {
      await expect(
        inTenant(() =>
          orm.em.transactional(async (em) => {
            await sendWithCommit(em.getTransactionContext(), `insert into tenant_settings.commit_note (note) values ('dropped')`);
            throw new Error('roll back');
          }),
        ),
      ).rejects.toThrow('roll back');
      await inTenant(() => orm.em.transactional(async (em) => em.getConnection().execute('select 1', [], 'all', em.getTransactionContext())));
      expect(await rows()).toEqual([]);
    });

    describe('the BEGIN sent with the first statement (one round trip fewer per transaction)', () => {
      /** The messages the single pooled connection sends while `work` runs: simple queries by text, parameterised ones as `parse` (`set tenant` for the settings). */
      const sentDuring = async (work: () => Promise<unknown>) => {
        const knex = orm.em.getConnection().getKnex() as unknown as { client: { acquireConnection(): Promise<PgClient>; releaseConnection(c: PgClient): Promise<void> } };
        const client = await knex.client.acquireConnection();
        await knex.client.releaseConnection(client);
        const simple = jest.spyOn(client.connection, 'query');
        const parse = jest.spyOn(client.connection, 'parse');
        try {
          await work().catch((error: unknown) => error);
          // The session's tenant settings (sent again after a rollback forgot them) are told apart from the work's statements.
          const parsed = parse.mock.calls.map(([query]) => ((query as { text?: string }).text?.includes('set_config') ? 'set tenant' : 'parse'));
          return [...simple.mock.calls.map(([text]) => String(text)), ...parsed];
        } finally {
          simple.mockRestore();
          parse.mockRestore();
        }
      };

      it('sends the BEGIN and the first statement as one query, and answers with the statement', async () => {
        let answer: unknown;
        const sent = await sentDuring(() =>
          inTenant(() =>
            orm.em.transactional(async (em) => {
              answer = await em.getConnection().execute(`insert into tenant_settings.commit_note (note) values ('with begin') returning note`, [], 'all', em.getTransactionContext());
            }),
          ),
        );
        expect(answer).toEqual([{ note: 'with begin' }]);
        expect(sent[0]).toMatch(/^BEGIN;?\n\s*insert into tenant_settings\.commit_note/);
        expect(sent.filter((text) => /^\s*begin\b/i.test(text))).toHaveLength(1);
        expect(await rows()).toEqual(['with begin']);
      });

      it('rolls back a transaction whose first statement fails, and leaves the connection clean', async () => {
        const sent = await sentDuring(() =>
          inTenant(() =>
            orm.em.transactional(async (em) => {
              await em.getConnection().execute(`insert into tenant_settings.commit_note (note) values ('refused')`, [], 'run', em.getTransactionContext());
            }),
          ),
        );
        expect(sent[0]).toMatch(/^BEGIN;?\n/);
        expect(sent.some((text) => /^\s*rollback/i.test(text))).toBe(true);
        await write('after', 'queued');
        expect(await rows()).toEqual(['after', 'queued']);
      });

      it('sends a first statement with parameters with the BEGIN too, its values written as the literals of what they would have sent', async () => {
        let answer: unknown;
        const sent = await sentDuring(() =>
          inTenant(() =>
            orm.em.transactional(async (em) => {
              answer = (await (em.getTransactionContext() as Knex.Transaction).raw(`insert into tenant_settings.commit_note (note) values (?) returning note`, ["it's bound"])).rows;
            }),
          ),
        );
        expect(answer).toEqual([{ note: "it's bound" }]);
        expect(sent[0]).toMatch(/^BEGIN;?\n\s*insert into tenant_settings\.commit_note \(note\) values \('it''s bound'\) returning note$/);
        expect(sent).not.toContain('parse');
        expect(await rows()).toEqual(["it's bound"]);
      });

      /** What `sql` answers with `values` as the transaction's first statement (written as literals) and as its second (bound). */
      const firstAndBound = (sql: string, values: unknown[]) =>
        inTenant(() =>
          orm.em.transactional(async (em) => {
            const trx = em.getTransactionContext() as Knex.Transaction;
            const first = (await trx.raw(sql, values as Knex.RawBinding[])).rows;
            const bound = (await trx.raw(sql, values as Knex.RawBinding[])).rows;
            return { first, bound };
          }),
        );

      it('answers exactly what the bound statement answers, for awkward values', async () => {
        const values = [
          "quote ' and '' doubled",
          'back\\slash \\\' and $1 and -- not a comment',
          '髙橋　𠮷野家 ｶﾞ',
          ['a', "b'c", 'd"e', null, 'f\\g', '{h}', ''],
          new Date('2026-04-01T00:00:00.123Z'),
          { kana: 'ヤマダ', nested: { n: [1, 2] }, quote: "'" },
          null,
          42,
          -0.5,
          true,
          '1e400',
        ];
        const sql = `select ?::text as text, ?::text as backslash, ?::text as kanji, ?::text[] as list, ?::timestamptz as at, ?::jsonb as doc,
          ?::text as nothing, ?::int as n, ?::numeric as x, ?::boolean as yes, ?::numeric as big, '$1 stays' as "quoted $2", 1 as "a""b" -- $3 in a comment`;
        let answers: { first: unknown[]; bound: unknown[] } = { first: [], bound: [] };
        const sent = await sentDuring(async () => {
          answers = await firstAndBound(sql, values);
        });
        expect(sent[0]).toMatch(/^BEGIN;?\n\s*select 'quote '' and '''' doubled'::text as text,\s+E'back/);
        const { first, bound } = answers;
        expect(first).toEqual(bound);
        expect(first[0]).toMatchObject({ text: values[0], backslash: values[1], kanji: values[2], list: values[3], nothing: null, n: 42, yes: true, 'quoted $2': '$1 stays' });
      });

      it('sends the BEGIN on its own before a statement whose values cannot be written as literals, in order', async () => {
        for (const [sql, values] of [
          [`insert into tenant_settings.commit_note (note) values (?) returning note`, [Buffer.from('bytes')]],
          [`insert into tenant_settings.commit_note (note) values (?) returning note`, ['nul \u0000 inside']],
          [`insert into tenant_settings.commit_note (note) values (? || $$dollar$$) returning note`, ['quoted']],
          [`insert into tenant_settings.commit_note (note) values (? /* a comment */) returning note`, ['commented']],
        ] as const) {
          const sent = await sentDuring(() =>
            inTenant(() => orm.em.transactional(async (em) => (em.getTransactionContext() as Knex.Transaction).raw(sql, [...values] as Knex.RawBinding[]))),
          );
          expect(sent[0]).toMatch(/^BEGIN;?$/);
          expect(sent).toContain('parse');
        }
        // The NUL was refused by PostgreSQL as a bound value, exactly as before; the others were written.
        expect(await rows()).toEqual(['bytes', 'commented', 'quoteddollar']);
      });
    });
  });
});
