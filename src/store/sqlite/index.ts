// The embedded default store: one SQLite file, WAL, group commit. Writes run on
// a writer thread (so a commit's fsync never blocks the event loop) and reads
// on the main thread's own connection; `inlineWrites` keeps both on the main
// thread.
import type { Worker } from 'node:worker_threads';
import type { Store } from '../../domain/ports/index.js';
import { translated } from '../errors.js';
import { sqliteAccounts } from './accounts.js';
import { sqliteConversations } from './conversations.js';
import { openDatabase } from './database.js';
import { sqliteDevices } from './devices.js';
import { factQueries } from './facts.js';
import { sqliteFeed } from './feed.js';
import { sqliteMessages } from './messages.js';
import { migrateSqlite } from './migrate.js';
import { startWorker, whenReady } from './start-worker.js';
import { ThreadedWriter } from './threaded-writer.js';
import { DEFAULT_WAL_LIMIT_BYTES } from './wal-limit.js';
import { WriteQueue, type CommitListener } from './write-queue.js';
import { inlineWriter, type Writer } from './writer.js';
import { writeTable } from './writes/index.js';

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
  let writer: Writer;
  let checkpointer: Worker | undefined;
  if (options.inlineWrites) {
    writer = inlineWriter(new WriteQueue(db, options.onCommit), writeTable(db));
  } else {
    const threaded = new ThreadedWriter(dataDir, { walLimitBytes: options.walLimitBytes ?? DEFAULT_WAL_LIMIT_BYTES, onCommit: options.onCommit });
    await threaded.started();
    writer = threaded;
    checkpointer = startWorker('checkpoint-thread', { dataDir, intervalMs: CHECKPOINT_EVERY_MS });
    await whenReady(checkpointer);
  }
  const facts = factQueries(db);
  const select1 = db.prepare('SELECT 1');
  let closed = false;
  return {
    accounts: sqliteAccounts(db, writer),
    devices: sqliteDevices(db, writer),
    conversations: sqliteConversations(db, writer, facts),
    messages: sqliteMessages(db, writer, facts),
    feed: sqliteFeed(db),
    retention: {
      purgeExpired: (now, limit) => writer.run('purgeExpired', now, limit),
      purgeExpiredEvents: (now, limit) => writer.run('purgeExpiredEvents', now, limit),
    },
    ping: translated(() => {
      select1.get();
    }),
    close: async () => {
      if (closed) return;
      closed = true;
      if (checkpointer) {
        const stopped = new Promise((resolve) => checkpointer!.once('message', resolve));
        checkpointer.postMessage({ kind: 'close' });
        await stopped;
        await checkpointer.terminate();
      }
      await writer.close();
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export { migrateSqlite } from './migrate.js';
export { openDatabase } from './database.js';
