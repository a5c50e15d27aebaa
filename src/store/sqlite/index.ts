// The embedded default store: one SQLite file, WAL, group commit.
import type { Store } from '../../domain/ports.js';
import { openDatabase } from './database.js';
import { migrateSqlite } from './migrate.js';
import { sqliteAccounts } from './accounts.js';
import { conversationQueries, sqliteConversations } from './conversations.js';
import { sqliteMessages } from './messages.js';
import { WriteQueue } from './write-queue.js';

export function openSqliteStore(dataDir: string): Store {
  const db = openDatabase(dataDir);
  migrateSqlite(db);
  const writes = new WriteQueue(db);
  const shared = conversationQueries(db);
  let closed = false;
  const select1 = db.prepare('SELECT 1');
  return {
    ...sqliteAccounts(db, writes),
    ...sqliteConversations(db, writes, shared),
    ...sqliteMessages(db, writes, shared),
    ping: async () => {
      select1.get();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      writes.close();
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export { migrateSqlite } from './migrate.js';
export { openDatabase } from './database.js';
