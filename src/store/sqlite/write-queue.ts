// Group commit: writes that arrive in the same turn of the event loop run in one
// transaction, so many concurrent sends share one fsync. Each write runs in its
// own savepoint: one that throws is rolled back alone and rejects alone; the
// others still commit. Promises resolve only after COMMIT returned, i.e. once
// the batch is durable on disk.
import type { Db } from './database.js';
import { translateStoreError } from '../errors.js';

/** Told of every commit: how long it took (seconds, fsync included) and how many writes it carried. */
export type CommitListener = (seconds: number, writes: number) => void;

interface Pending {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export class WriteQueue {
  private pending: Pending[] = [];
  private scheduled = false;
  private closed = false;
  /** Transactions committed and writes they carried: how well group commit batches. */
  readonly stats = { commits: 0, writes: 0 };

  constructor(
    private db: Db,
    private onCommit?: CommitListener,
  ) {}

  run<T>(write: () => T): Promise<T> {
    if (this.closed) return Promise.reject(translateStoreError(Object.assign(new Error('store closed'), { code: 'SQLITE_CANTOPEN' })));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: write, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    const started = performance.now();
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(item.run)() });
          } catch (err) {
            outcomes.push({ ok: false, value: translateStoreError(err) });
          }
        }
      })();
      this.stats.commits++;
      this.stats.writes += batch.length;
      this.onCommit?.((performance.now() - started) / 1000, batch.length);
    } catch (err) {
      const failure = translateStoreError(err);
      for (const item of batch) item.reject(failure);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.value);
    });
  }

  /** Commits what is queued and refuses further writes. */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
