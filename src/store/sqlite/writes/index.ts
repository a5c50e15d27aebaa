// Every write of the SQLite store, in one table the compiler checks: a write
// exists only here, so it cannot run anywhere but on the writer (the writer
// thread, or the main thread's queue with inline writes). Each entry is a
// plain function run inside the writer's transaction.
import type { Db } from '../database.js';
import { factQueries } from '../facts.js';
import { accountWrites } from './accounts.js';
import { conversationWrites } from './conversations.js';
import { deviceWrites } from './devices.js';
import { messageWrites } from './messages.js';
import { retentionWrites } from './retention.js';

export function writeTable(db: Db) {
  const facts = factQueries(db);
  return {
    ...accountWrites(db, facts),
    ...deviceWrites(db),
    ...conversationWrites(db, facts),
    ...messageWrites(db, facts),
    ...retentionWrites(db),
  };
}

export type WriteTable = ReturnType<typeof writeTable>;
export type WriteOp = keyof WriteTable;
export type WriteArgs<K extends WriteOp> = Parameters<WriteTable[K]>;
export type WriteResult<K extends WriteOp> = ReturnType<WriteTable[K]>;

/** Runs one write of the table: `op` and `args` are tied by the signature. */
export function perform<K extends WriteOp>(table: WriteTable, op: K, args: WriteArgs<K>): WriteResult<K> {
  // An indexed access on a generic key loses the call signature; this restores the one the signature above promises.
  const write = table[op] as (...a: WriteArgs<K>) => WriteResult<K>;
  return write(...args);
}
