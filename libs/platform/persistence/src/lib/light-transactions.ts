/**
 * Root transactions without a knex instance built for each (issue 14, ADR 0029).
 *
 * knex hands every transaction a "transactor": a complete knex instance made by `makeKnex` — one new closure for each
 * of its 123 query methods, its property definitions, a context object and an event emitter. A create opens one
 * transaction, a consumer's batch another. Those objects live as long as the transaction, long enough to be copied by
 * the young generation's collector and promoted: under the bench's creates they were a third of everything promoted
 * and then collected by a full GC (a sampling heap profile keeping objects collected by major GCs), and their building
 * 2–3 % of the registry's CPU. Here a root transaction's transactor is an object whose prototype is the pool's own knex
 * instance (its query methods and property definitions, unchanged) with a context of its own, so `raw`, query
 * builders, `transacting(trx)`, savepoints, commit and rollback behave as knex's own transactor does.
 *
 * The rest of a transaction is knex's (its Transaction object: BEGIN, COMMIT, ROLLBACK, the execution promise);
 * this replaces only the step after the BEGIN that builds the transactor and the client bound to the connection, as
 * knex 3 writes them (node_modules/knex/lib/execution/transaction.js). A nested transaction (a savepoint) is left to
 * knex: it is rare, and its transactor is knex's own.
 */

type Listener = (...args: unknown[]) => void;

interface KnexClient {
  constructor: { prototype: object };
  version?: unknown;
  config?: unknown;
  driver?: unknown;
  connectionSettings?: unknown;
  valueForUndefined?: unknown;
  logger?: unknown;
  transacting?: boolean;
  query: (connection: unknown, query: unknown) => Promise<unknown>;
  stream: (connection: unknown, query: unknown, stream: unknown, options: unknown) => Promise<unknown>;
  on: (event: string, listener: Listener) => unknown;
  emit: (event: string, ...args: unknown[]) => boolean;
  transaction: (container: unknown, config: unknown, outerTx?: unknown) => KnexTransaction;
  __tsunaguLightTransactions?: boolean;
}

/** knex's Transaction object, as far as the step it hands over needs it. */
interface KnexTransaction {
  client: KnexClient;
  outerTx: KnexTransaction | null;
  trxClient?: KnexClient;
  transactor?: Transactor;
  txid: string;
  userParams?: unknown;
  _resolver?: (value: unknown) => void;
  _rejecter?: (error: unknown) => void;
  _onAcquire: (container: (transactor: Transactor) => unknown, connection: unknown) => Promise<unknown>;
  begin: (connection: unknown) => Promise<unknown>;
  commit: (connection: unknown, value: unknown) => Promise<unknown>;
  rollback: (connection: unknown, error: unknown) => Promise<unknown>;
  isCompleted: () => boolean;
  emit: (event: string, ...args: unknown[]) => boolean;
}

interface KnexContext {
  client?: KnexClient;
  userParams?: unknown;
  transaction?: (container: unknown, options?: { doNotRejectOnRollback?: boolean }) => unknown;
  withUserParams?: () => never;
  _transaction: (container: unknown, options: unknown, outerTx: KnexTransaction) => unknown;
}

interface Transactor {
  context: KnexContext;
  client: KnexClient;
  userParams: unknown;
  isTransaction: boolean;
  executionPromise?: Promise<unknown>;
  savepoint: (container: unknown, options?: { doNotRejectOnRollback?: boolean }) => unknown;
  commit: (value?: unknown) => Promise<unknown>;
  rollback: (error?: unknown) => Promise<unknown>;
  isCompleted: () => boolean;
  _events?: unknown;
  _eventsCount?: number;
  _internalListeners?: unknown[];
}

interface KnexInstance {
  client: KnexClient;
  context: KnexContext;
}

/**
 * Gives the root transactions of `knex` (the pool's instance, e.g. MikroORM's `getKnex()`) a light transactor. Idempotent.
 */
export function installLightTransactions(knex: unknown): void {
  const root = knex as KnexInstance;
  const client = root.client;
  if (!client || client.__tsunaguLightTransactions) return;
  client.__tsunaguLightTransactions = true;
  const transaction = client.transaction;
  // An own property on the pool's client: the clients bound to a transaction's connection are made from its prototype,
  // so savepoints keep knex's own path.
  client.transaction = function lightTransaction(this: KnexClient, container: unknown, config: unknown, outerTx?: unknown): KnexTransaction {
    const trx = transaction.call(this, container, config, outerTx);
    // The Transaction's constructor only queued its work (a promise job): the step replaced here has not run yet.
    if (!outerTx) trx._onAcquire = (work, connection) => onAcquire(root, trx, work, connection);
    return trx;
  };
}

/** knex's `_onAcquire` for a root transaction: BEGIN, then the work with a light transactor, then COMMIT or ROLLBACK. */
function onAcquire(root: KnexInstance, trx: KnexTransaction, work: (transactor: Transactor) => unknown, connection: unknown): Promise<unknown> {
  const trxClient = (trx.trxClient = connectionClient(trx, trx.client, connection));
  const execution = new Promise((resolve, reject) => {
    trx._resolver = resolve;
    trx._rejecter = reject;
  });
  trx
    .begin(connection)
    .then(() => {
      const transactor = lightTransactor(root, trx, connection, trxClient);
      trx.transactor = transactor;
      transactor.executionPromise = execution;
      let result: unknown;
      try {
        result = work(transactor);
      } catch (error) {
        result = Promise.reject(error);
      }
      // A thenable from the work (knex's `transaction(async (trx) => …)`): commit on success, roll back on failure.
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        (result as Promise<unknown>).then((value) => transactor.commit(value)).catch((error: unknown) => transactor.rollback(error));
      }
      return null;
    })
    .catch((error: unknown) => trx._rejecter?.(error));
  return execution;
}

/** The transaction's transactor: the pool's knex instance as its prototype, a context and event state of its own. */
function lightTransactor(root: KnexInstance, trx: KnexTransaction, connection: unknown, trxClient: KnexClient): Transactor {
  const context = Object.create(root.context) as KnexContext;
  const transactor = Object.create(root as object) as Transactor;
  // First the context: `client` and `userParams` are accessors of knex's instance that write to `this.context`.
  transactor.context = context;
  transactor.client = trxClient;
  transactor.userParams = trx.userParams ?? {};
  // knex's instance is an event emitter with its state as own properties: the transactor keeps its own.
  transactor._events = Object.create(null);
  transactor._eventsCount = 0;
  transactor._internalListeners = [];
  transactor.isTransaction = true;
  context.withUserParams = () => {
    throw new Error('Cannot set user params on a transaction - it can only inherit params from main knex instance');
  };
  context.transaction = function (this: KnexContext, container: unknown, options?: { doNotRejectOnRollback?: boolean }) {
    const settings = options ?? {};
    if (settings.doNotRejectOnRollback === undefined) settings.doNotRejectOnRollback = true;
    return this._transaction(container, settings, trx);
  };
  transactor.savepoint = (container, options) => context.transaction?.(container, options);
  transactor.commit = (value) => trx.commit(connection, value);
  transactor.rollback = (error) => trx.rollback(connection, error);
  transactor.isCompleted = () => trx.isCompleted();
  return transactor;
}

/**
 * A client that always uses the transaction's connection and never releases it to the pool, reporting its queries to
 * the transaction and the pool's client (knex's `makeTxClient`).
 */
function connectionClient(trx: KnexTransaction, client: KnexClient, connection: unknown): KnexClient {
  const trxClient = Object.create(client.constructor.prototype) as KnexClient;
  trxClient.version = client.version;
  trxClient.config = client.config;
  trxClient.driver = client.driver;
  trxClient.connectionSettings = client.connectionSettings;
  trxClient.transacting = true;
  trxClient.valueForUndefined = client.valueForUndefined;
  trxClient.logger = client.logger;
  for (const event of ['start', 'query', 'query-error', 'query-response']) {
    trxClient.on(event, (...args: unknown[]) => {
      trx.emit(event, ...args);
      client.emit(event, ...args);
    });
  }
  const query = trxClient.query;
  trxClient.query = function (conn: unknown, statement: unknown) {
    const completed = trx.isCompleted();
    return new Promise((resolve, reject) => {
      try {
        if (conn !== connection) throw new Error('Invalid connection for transaction query.');
        if (completed) throw completedError();
        resolve(query.call(trxClient, conn, statement));
      } catch (error) {
        reject(error);
      }
    });
  };
  const stream = trxClient.stream;
  trxClient.stream = function (conn: unknown, statement: unknown, target: unknown, options: unknown) {
    const completed = trx.isCompleted();
    return new Promise((resolve, reject) => {
      try {
        if (conn !== connection) throw new Error('Invalid connection for transaction query.');
        if (completed) throw completedError();
        resolve(stream.call(trxClient, conn, statement, target, options));
      } catch (error) {
        reject(error);
      }
    });
  };
  (trxClient as unknown as { acquireConnection: () => Promise<unknown> }).acquireConnection = () => Promise.resolve(connection);
  (trxClient as unknown as { releaseConnection: () => Promise<void> }).releaseConnection = () => Promise.resolve();
  return trxClient;
}

/** knex's error for a query sent after its transaction ended (no statement text: it may carry personal data). */
function completedError(): Error {
  return new Error('Transaction query already complete, run with DEBUG=knex:tx for more info');
}
