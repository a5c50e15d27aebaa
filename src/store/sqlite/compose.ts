// The SQLite store's queries on one connection, with writes through `writes`.
import type { Store } from '../../domain/ports.js';
import type { Db } from './database.js';
import { sqliteAccounts } from './accounts.js';
import { conversationQueries, sqliteConversations } from './conversations.js';
import { sqliteMessages } from './messages.js';
import type { WriteQueue } from './write-queue.js';

export type StoreQueries = Omit<Store, 'ping' | 'close'>;

/** The Store methods that write: in the threaded store these run on the writer thread. */
export const WRITE_OPS = [
  'createUser', 'updateUser', 'deleteUser',
  'createDevice', 'touchDevice', 'renameDevice', 'deleteDevice', 'deleteOtherDevices',
  'appendMessage', 'createGroup', 'addMember', 'removeMember', 'markRead', 'deleteMessage',
  'purgeExpired',
] as const satisfies readonly (keyof StoreQueries)[];
export type WriteOp = (typeof WRITE_OPS)[number];

export function sqliteQueries(db: Db, writes: WriteQueue): StoreQueries {
  const shared = conversationQueries(db);
  return {
    ...sqliteAccounts(db, writes, shared),
    ...sqliteConversations(db, writes, shared),
    ...sqliteMessages(db, writes, shared),
  };
}
