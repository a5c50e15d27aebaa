// The embedded default store: one SQLite file, WAL, group commit. Writes run on
// a writer thread (so a commit's fsync never blocks the event loop) and reads
// on the main thread's own connection; `inlineWrites` keeps both on the main
// thread.
import type { Store } from '../../domain/ports.js';
import { openDatabase } from './database.js';
import { migrateSqlite } from './migrate.js';
import { WRITE_OPS, sqliteQueries } from './compose.js';
import { ThreadedWriter } from './threaded-writer.js';
import { startWorker, whenReady } from './start-worker.js';
import type { Worker } from 'node:worker_threads';
import { WriteQueue, type CommitListener } from './write-queue.js';
import { DEFAULT_WAL_LIMIT_BYTES } from './wal-limit.js';
import { translatingErrors } from '../errors.js';

/** How often the checkpoint thread copies the WAL into the database file. */
const CHECKPOINT_EVERY_MS = 1_000;

export interface SqliteStoreOptions {
  /** Keep writes on the calling thread (tests of the write path; no writer or checkpoint thread). */
  inlineWrites?: boolean;
  /** Told of every commit, on the main thread: for the commit-time metrics. */
  onCommit?: CommitListener;
  /** With the writer thread: the WAL size at which the writer finishes a checkpoint itself (see WalLimit). */
  walLimitBytes?: number;
}

export async function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): Promise<Store> {
  const db = openDatabase(dataDir);
  migrateSqlite(db);
  const writes = new WriteQueue(db, options.inlineWrites ? options.onCommit : undefined);
  const queries = sqliteQueries(db, writes);
  const select1 = db.prepare('SELECT 1');
  let writer: ThreadedWriter | undefined;
  let checkpointer: Worker | undefined;
  if (!options.inlineWrites) {
    writer = new ThreadedWriter(dataDir, { walLimitBytes: options.walLimitBytes ?? DEFAULT_WAL_LIMIT_BYTES, onCommit: options.onCommit });
    await writer.started();
    checkpointer = startWorker('checkpoint-thread', { dataDir, intervalMs: CHECKPOINT_EVERY_MS });
    await whenReady(checkpointer);
    const threaded = queries as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const op of WRITE_OPS) threaded[op] = (...args: unknown[]) => writer!.call(op, args);
  }
  let closed = false;
  return translatingErrors<Store>({
    ...queries,
    ping: async () => {
      select1.get();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (checkpointer) {
        const stopped = new Promise((resolve) => checkpointer!.once('message', resolve));
        checkpointer.postMessage({ kind: 'close' });
        await stopped;
        await checkpointer.terminate();
      }
      await writer?.close();
      writes.close();
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      db.close();
    },
  }, WRITE_OPS);
}

export { migrateSqlite } from './migrate.js';
export { openDatabase } from './database.js';
