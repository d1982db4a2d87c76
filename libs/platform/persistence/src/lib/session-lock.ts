import { promisify } from 'node:util';
import type { Knex } from '@mikro-orm/postgresql';

/** A raw driver connection (node-postgres client) as knex hands it out. */
export type SessionConnection = unknown;

interface RawClient {
  config?: { pool?: { afterCreate?: (connection: SessionConnection, done: (error: Error | null, connection: SessionConnection) => void) => void } };
  acquireRawConnection(): Promise<SessionConnection>;
  destroyRawConnection(connection: SessionConnection): Promise<void>;
}

/**
 * A PostgreSQL session advisory lock (`pg_try_advisory_lock(hashtext(key))`) held on a connection of its own,
 * opened outside the pool (so it never takes a connection a request needs) through the ORM's knex client and its
 * connection settings (the pool's `afterCreate`: tenant settings, statements with the COMMIT). One replica holds it;
 * it passes to another as soon as the holder's session ends, whatever ended it. Work that must stop when the lock
 * is lost runs its transactions on `connection`: a session that lost the lock can no longer commit anything.
 * Used for leadership: the audit sealer per schema (ADR 0011); the consumers' leader per durable is to use it (ADR 0024).
 */
export class SessionLock {
  /** This replica's session for trying the lock, kept between tries; the lock's session once it is held. */
  private candidate?: SessionConnection;
  private session?: { connection: SessionConnection; pid: number };

  constructor(
    private readonly knex: () => Knex,
    /** The lock's name (hashed by PostgreSQL's hashtext into the advisory lock key). */
    readonly key: string,
  ) {}

  /** Whether this process holds the lock, as far as it knows (a killed session shows on its next statement). */
  get held(): boolean {
    return this.session !== undefined;
  }

  /** The session holding the lock; run what must stop with the lock on it. */
  get connection(): SessionConnection {
    if (!this.session) throw new Error(`the lock ${this.key} is not held`);
    return this.session.connection;
  }

  /** The backend pid of the holding session (tests and diagnostics). */
  get pid(): number | undefined {
    return this.session?.pid;
  }

  /** Tries the lock once; true when this process holds it (already or now). A connection failure is thrown. */
  async tryAcquire(): Promise<boolean> {
    if (this.session) return true;
    const client = this.rawClient();
    if (!this.candidate) {
      const connection = await client.acquireRawConnection();
      const afterCreate = client.config?.pool?.afterCreate;
      if (afterCreate) {
        await promisify(afterCreate)(connection).catch(async (error: unknown) => {
          await this.close(connection);
          throw error;
        });
      }
      this.candidate = connection;
    }
    const connection = this.candidate;
    try {
      const result = await this.knex().raw('select pg_try_advisory_lock(hashtext(?)) as locked, pg_backend_pid() as pid', [this.key]).connection(connection as never);
      if (result.rows[0]?.locked !== true) return false;
      this.session = { connection, pid: Number(result.rows[0].pid) };
      return true;
    } catch (error) {
      this.candidate = undefined;
      await this.close(connection);
      throw error;
    }
  }

  /** Gives the lock up and closes the session (which would release the lock anyway, as a lost session did). */
  async release(): Promise<void> {
    const session = this.session;
    const connection = this.candidate;
    this.session = undefined;
    this.candidate = undefined;
    if (session) {
      try {
        await this.knex().raw('select pg_advisory_unlock(hashtext(?))', [this.key]).connection(session.connection as never);
      } catch {
        // The session is gone, and its lock with it.
      }
    }
    if (connection) await this.close(connection);
  }

  private rawClient(): RawClient {
    return (this.knex() as unknown as { client: RawClient }).client;
  }

  /** Closes a session, giving up after 2 s (a connection to a server that is gone may never answer). */
  private async close(connection: SessionConnection): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.rawClient().destroyRawConnection(connection).catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, 2000))),
    ]).finally(() => clearTimeout(timer));
  }
}
