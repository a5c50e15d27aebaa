// Where the store's writes run: `run(op, ...args)` queues a write of the table
// (writes/index.ts) and resolves once its transaction is durable.
import type { WriteQueue } from './write-queue.js';
import { perform, type WriteArgs, type WriteOp, type WriteResult, type WriteTable } from './writes/index.js';

export interface Writer {
  run<K extends WriteOp>(op: K, ...args: WriteArgs<K>): Promise<WriteResult<K>>;
  /** Commits what is queued and refuses further writes. */
  close(): Promise<void>;
}

/** Writes on the calling thread's connection, batched by `queue` (group commit). */
export function inlineWriter(queue: WriteQueue, table: WriteTable): Writer {
  return {
    run: (op, ...args) => queue.run(() => perform(table, op, args)),
    close: async () => queue.close(),
  };
}
