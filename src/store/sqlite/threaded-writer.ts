// The main thread's side of the writer thread: a call per write, answered once
// the write is durable.
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/errors.js';
import { startWorker } from './start-worker.js';
import type { CommitListener } from './write-queue.js';
import type { Writer } from './writer.js';
import { deserializeError, type WriteCall, type WriterMessage, type WriterRequest } from './writer-protocol.js';
import type { WriteArgs, WriteOp, WriteResult } from './writes/index.js';

export class ThreadedWriter implements Writer {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  private ready: Promise<void>;
  private closed: Promise<void> | undefined;
  private onClosed: (() => void) | undefined;

  constructor(dataDir: string, options: { walLimitBytes: number; onCommit?: CommitListener }) {
    const { walLimitBytes, onCommit } = options;
    this.worker = startWorker('writer-thread', { dataDir, walLimitBytes });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (m: WriterMessage) => {
        if (m.kind === 'ready') resolve();
        else if (m.kind === 'failed') reject(new Error(`the SQLite writer could not start: ${m.message}`));
        else if (m.kind === 'closed') this.onClosed?.();
        else {
          if (onCommit) for (const [seconds, writes] of m.commits) onCommit(seconds, writes);
          for (const r of m.results) this.settle(r.id, r.ok ? { value: r.value } : { error: deserializeError(r.error) });
        }
      });
      this.worker.on('error', (err) => {
        reject(err);
        this.failAll(err);
      });
      this.worker.on('exit', () => this.failAll(new Error('the SQLite writer stopped')));
    });
  }

  /** Resolves once the writer opened the database. */
  started(): Promise<void> {
    return this.ready;
  }

  run<K extends WriteOp>(op: K, ...args: WriteArgs<K>): Promise<WriteResult<K>> {
    if (this.closed) return Promise.reject(new AppError('unavailable', 'The database is closing; try again'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // The thread answers this id with the result of the same op (see writer-thread.ts).
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ kind: 'call', id, op, args } satisfies WriteCall<K>);
    });
  }

  /** Commits what is queued, checkpoints, closes the write connection and stops the thread. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.onClosed = resolve;
      this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    }).then(() => this.worker.terminate().then(() => undefined));
    return this.closed;
  }

  private settle(id: number, outcome: { value: unknown } | { error: Error }): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if ('error' in outcome) p.reject(outcome.error);
    else p.resolve(outcome.value);
  }

  private failAll(err: unknown): void {
    const failure = new AppError('unavailable', 'The database writer stopped');
    (failure as Error).cause = err;
    for (const p of this.pending.values()) p.reject(failure);
    this.pending.clear();
  }
}
