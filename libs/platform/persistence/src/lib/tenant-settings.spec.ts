import { TenantContext } from '@tsunagu/platform-context';
import { escapeLiteral } from 'pg';
import { installTenantSettings, quoteLiteral, SET_TENANT_SQL } from './tenant-settings';

/** A node-postgres client as knex calls it: `query(config, callback)`, recording what reaches the server. */
function fakeClient(failOn?: string) {
  const sent: { text: string; values?: unknown[] }[] = [];
  const client = {
    query(config: string | { text: string; values?: unknown[] }, ...rest: unknown[]) {
      const text = typeof config === 'string' ? config : config.text;
      const values = typeof config === 'string' ? (Array.isArray(rest[0]) ? (rest[0] as unknown[]) : undefined) : config.values;
      sent.push({ text, values });
      const callback = rest.find((arg) => typeof arg === 'function') as ((error: Error | null, result?: unknown) => void) | undefined;
      const error = failOn && text.startsWith(failOn) ? new Error('current transaction is aborted') : null;
      if (callback) setImmediate(() => callback(error, { rows: [] }));
      else return error ? Promise.reject(error) : Promise.resolve({ rows: [] });
      return undefined;
    },
  };
  installTenantSettings(client);
  const run = (text: string) => new Promise<void>((resolve, reject) => client.query({ text, values: [] }, (error: Error | null) => (error ? reject(error) : resolve())));
  return { client, sent, run };
}

const inMunicipality = <T>(municipality: string, fn: () => T) => TenantContext.run({ requestId: 'r', municipality }, fn);

describe('installTenantSettings', () => {
  it('sets the context’s tenant before a query only when the session has other values', async () => {
    const { sent, run } = fakeClient();
    await inMunicipality('372013', () => run('select 1'));
    await inMunicipality('372013', () => run('select 2'));
    await TenantContext.runAsSystem(undefined, () => run('select 3'));
    await run('select 4');
    expect(sent.map(({ text, values }) => (text === SET_TENANT_SQL ? `set ${JSON.stringify(values)}` : text))).toEqual([
      'set ["372013",""]',
      'select 1',
      'select 2',
      'set ["","on"]',
      'select 3',
      'set ["",""]',
      'select 4',
    ]);
  });

  it('forgets the values after a rollback (it undoes set_config) and lets transaction ends through unchanged', async () => {
    const { sent, run } = fakeClient();
    await inMunicipality('372013', () => run('select 1'));
    await inMunicipality('372021', async () => {
      await run('ROLLBACK');
      await run('select 2');
      await run('COMMIT;');
    });
    expect(sent.map(({ text }) => text)).toEqual([SET_TENANT_SQL, 'select 1', 'ROLLBACK', SET_TENANT_SQL, 'select 2', 'COMMIT;']);
  });

  it('fails the query when its settings could not be set, and sets them again next time', async () => {
    const { sent, run } = fakeClient(SET_TENANT_SQL);
    await expect(inMunicipality('372013', () => run('select secret'))).rejects.toThrow('aborted');
    expect(sent.map(({ text }) => text)).toEqual([SET_TENANT_SQL]);
  });

  it('also wraps the promise form', async () => {
    const { client, sent } = fakeClient();
    await inMunicipality('372013', () => client.query('select 1'));
    expect(sent.map(({ text }) => text)).toEqual([SET_TENANT_SQL, 'select 1']);
  });
});

describe('quoteLiteral', () => {
  it('writes exactly the literal node-postgres’ escapeLiteral writes', () => {
    const awkward = ['', 'plain', "O'Brien", "''", '\\', 'C:\\temp\\new', "it's a \\ and a '", '高松市 瓦町', '𠮷野家', 'line\nbreak\ttab', "'; drop table x; --", '$1 ? :name', ' E\'x\''];
    for (const text of awkward) expect(quoteLiteral(text)).toBe(escapeLiteral(text));
  });
});
