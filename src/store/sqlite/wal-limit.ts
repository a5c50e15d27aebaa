// Keeps the WAL file from growing without bound under steady writes.
//
// The checkpoint thread copies committed pages into the database file in the
// background, but with commits arriving all the time it never reaches the WAL's
// end, and SQLite only starts the WAL over when a write transaction begins with
// every frame already copied. Left alone the WAL grew to 650 MB beside an 8 MB
// database in ten seconds of the stream bench, and every read paid for searching
// it. So the writer, between batches and only once the file is over its limit,
// finishes the checkpoint itself with RESTART: few frames are left to copy since
// the background thread did the bulk, no commit can append meanwhile because
// this is the only writer, and the next commit writes from the WAL's start.
// journal_size_limit then trims the file back to the limit.
import { statSync } from 'node:fs';
import type { Db } from './database.js';

/** The default limit: a few seconds of WAL at a busy server's write rate. */
export const DEFAULT_WAL_LIMIT_BYTES = 64 * 1024 * 1024;

export class WalLimit {
  private restart: { get(): unknown };

  constructor(
    db: Db,
    private walPath: string,
    private limitBytes: number,
  ) {
    db.exec(`PRAGMA journal_size_limit = ${Math.floor(limitBytes)}`);
    this.restart = db.prepare('PRAGMA wal_checkpoint(RESTART)');
  }

  /** Called between write batches, never inside a transaction. One stat per batch is noise beside its fsync. */
  check(): void {
    let size: number;
    try {
      size = statSync(this.walPath).size;
    } catch {
      return; // no WAL file yet
    }
    if (size <= this.limitBytes) return;
    // Answers busy = 1 when another checkpoint held the lock or a reader stayed past
    // busy_timeout; the WAL is then still over the limit and the next batch tries again.
    this.restart.get();
  }
}
