// The pool and the two ways to use it: a read on any connection, or a write as
// one transaction on one connection. Statements are named, so each connection
// prepares a statement once. Driver errors come out as the domain's AppErrors
// (a database that cannot be reached is `unavailable`).
import { createHash } from 'node:crypto';
import pg from 'pg';
import { AppError } from '../../domain/errors.js';
import { translateStoreError } from '../errors.js';

export interface Statement {
  name: string;
  text: string;
}

/** A statement prepared once per connection, named by its text. */
export function sql(text: string): Statement {
  return { name: `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
}

/** Runs statements: the pool (each on any connection) or one transaction's connection. */
export interface Sql {
  rows<T>(statement: Statement, ...values: unknown[]): Promise<T[]>;
}

/** BIGINT (counts, times in ms, positions) as numbers: all stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Told of every commit: how long it took (seconds) and how many writes it carried. */
export type CommitListener = (seconds: number, writes: number) => void;

/** Deadlocks and serialization failures: the transaction is run again from the start. */
const RETRIED = new Set(['40P01', '40001']);
const ATTEMPTS = 5;

export class Db implements Sql {
  private pool: pg.Pool;
  private closed = false;

  constructor(url: string, options: { poolSize: number; onCommit?: CommitListener; onError?: (err: Error) => void }) {
    this.onCommit = options.onCommit;
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize,
      types,
      // A database that does not answer a connection attempt is unavailable soon, not after the OS gives up.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      // A peer gone without a word (a cut network) is noticed by TCP within a minute, not hours.
      keepAliveInitialDelayMillis: 10_000,
    });
    const onError = (err: Error) => options.onError?.(err);
    // An idle connection the server closed (restart, failover) is dropped by the pool; without a
    // listener its error would end the process.
    this.pool.on('error', onError);
    // The same for a connection that is checked out but between two queries of a transaction: its
    // next query fails, and the transaction with it.
    this.pool.on('connect', (client) => client.on('error', onError));
  }

  private onCommit: CommitListener | undefined;

  async rows<T>(statement: Statement, ...values: unknown[]): Promise<T[]> {
    this.refuseWhenClosed();
    try {
      return (await this.pool.query({ ...statement, values })).rows as T[];
    } catch (err) {
      throw translateStoreError(err);
    }
  }

  /** Runs SQL text with no parameters (migrations), on one connection. */
  async exec(text: string): Promise<void> {
    this.refuseWhenClosed();
    try {
      await this.pool.query(text);
    } catch (err) {
      throw translateStoreError(err);
    }
  }

  /** A connection of its own for the caller (released by the caller), e.g. to hold a session's advisory lock. */
  async connect(): Promise<pg.PoolClient> {
    this.refuseWhenClosed();
    try {
      return await this.pool.connect();
    } catch (err) {
      throw translateStoreError(err);
    }
  }

  /**
   * Runs `write` in one transaction and resolves only after COMMIT returned
   * (synchronous_commit is on: the commit is on disk). Any failure rolls back
   * and rejects: nothing is acknowledged that did not commit. `writes` is how
   * many the transaction carries, for the commit metrics.
   */
  async transaction<T>(write: (tx: Sql) => Promise<T>, writes = 1): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(write, writes);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (!(attempt < ATTEMPTS && code !== undefined && RETRIED.has(code))) throw translateStoreError(err);
      }
    }
  }

  private async once<T>(write: (tx: Sql) => Promise<T>, writes: number): Promise<T> {
    this.refuseWhenClosed();
    const client = await this.pool.connect();
    const started = performance.now();
    const tx: Sql = { rows: async <R>(s: Statement, ...values: unknown[]) => (await client.query({ ...s, values })).rows as R[] };
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await write(tx);
      // A transaction a failed statement aborted answers COMMIT with ROLLBACK, and no error: nothing was committed.
      if ((await client.query('COMMIT')).command !== 'COMMIT') throw new Error('The transaction was rolled back: a statement in it had failed');
      this.onCommit?.((performance.now() - started) / 1000, writes);
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackFailed) {
        broken = rollbackFailed as Error; // the connection is gone: the pool must not hand it out again
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    await this.rows(PING);
  }

  /** Waits for running queries and closes every connection; later calls are `unavailable`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private refuseWhenClosed(): void {
    if (this.closed) throw new AppError('unavailable', 'The database is closed; try again');
  }
}

const PING = sql('SELECT 1');
