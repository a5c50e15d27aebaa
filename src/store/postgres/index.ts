// The store for several instances: PostgreSQL through a pool of connections
// (`pg`). Every write is one transaction that runs the domain's policy on the
// rows it locked, and resolves once COMMIT returned (synchronous_commit on, so
// on disk). While the database is away every call is `unavailable` (503); the
// pool connects again by itself when it returns.
import type { Store } from '../../domain/ports/index.js';
import { postgresAccounts } from './accounts.js';
import { postgresConversations } from './conversations.js';
import { Db, type CommitListener } from './db.js';
import { postgresDevices } from './devices.js';
import { postgresFeed } from './feed.js';
import { postgresMessages } from './messages.js';
import { migratePostgres } from './migrate.js';
import { postgresRetention } from './retention.js';

export interface PostgresStoreOptions {
  /** Most connections this instance opens. */
  poolSize: number;
  /** Told of every commit: for the commit-time metrics. */
  onCommit?: CommitListener;
  /** Told of connections the database dropped (they are replaced on the next call). */
  onConnectionError?: (err: Error) => void;
}

/** Connects, applies the migrations not yet applied, and opens the store. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions): Promise<Store> {
  const db = new Db(url, { poolSize: options.poolSize, onCommit: options.onCommit, onError: options.onConnectionError });
  try {
    await migratePostgres(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    accounts: postgresAccounts(db),
    devices: postgresDevices(db),
    conversations: postgresConversations(db),
    messages: postgresMessages(db),
    feed: postgresFeed(db),
    retention: postgresRetention(db),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}

/** `chat-api migrate` on PostgreSQL: applies what is missing and disconnects. */
export async function migratePostgresAt(url: string): Promise<number[]> {
  const db = new Db(url, { poolSize: 1 });
  try {
    return await migratePostgres(db);
  } finally {
    await db.close();
  }
}
