import { Client } from 'pg';
import { createTestDatabase } from './test-database';
import { startTestNats } from './test-nats';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

describe('test infrastructure', () => {
  it('creates an isolated database and drops it', async () => {
    const database = await createTestDatabase();
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query('select current_database() as name');
    await client.end();
    expect(database.url).toContain(rows[0].name);
    await database.drop();
  });

  it('starts a private NATS server with JetStream', async () => {
    const nats = await startTestNats();
    const connection = await connect({ servers: nats.url });
    const manager = await jetstreamManager(connection);
    expect((await manager.getAccountInfo()).streams).toBe(0);
    await connection.close();
    await nats.destroy();
  });
});
