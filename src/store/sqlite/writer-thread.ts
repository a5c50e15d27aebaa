// The writer thread: owns the write connection, so a commit's fsync blocks this
// thread and never the server's event loop. Calls that arrive together are
// committed together (group commit, see WriteQueue); each answer is posted
// only after its batch is durable.
import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import { DB_FILE, openDatabase } from './database.js';
import { WalLimit } from './wal-limit.js';
import { WriteQueue } from './write-queue.js';
import { perform, writeTable } from './writes/index.js';
import { serializeError, type CommitTimes, type WriterMessage, type WriterRequest, type WriterResult } from './writer-protocol.js';

const port = parentPort!;
const post = (m: WriterMessage) => port.postMessage(m);

try {
  const { dataDir, walLimitBytes } = workerData as { dataDir: string; walLimitBytes: number };
  const db = openDatabase(dataDir);
  // The checkpoint thread checkpoints; a commit never waits for one (but see WalLimit).
  db.exec('PRAGMA wal_autocheckpoint = 0');
  const walLimit = new WalLimit(db, join(dataDir, `${DB_FILE}-wal`), walLimitBytes);
  // Commit times ride along with the answers of their batch.
  let commits: CommitTimes = [];
  const writes = new WriteQueue(db, (seconds, count) => commits.push([seconds, count]));
  const table = writeTable(db);
  // Answers of one batch go back in one message.
  let outbox: WriterResult[] = [];
  const flushOutbox = () => {
    if (outbox.length) post({ kind: 'results', results: outbox, commits });
    outbox = [];
    commits = [];
    walLimit.check(); // after the answers went out: a batch is never held up by it
  };
  const send = (r: WriterResult) => {
    if (outbox.length === 0) setImmediate(flushOutbox);
    outbox.push(r);
  };

  port.on('message', async (m: WriterRequest) => {
    if (m.kind === 'close') {
      writes.close(); // commits what is queued
      await new Promise((resolve) => setTimeout(resolve, 0)); // lets their answers reach the outbox
      flushOutbox();
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      db.close();
      post({ kind: 'closed' });
      return;
    }
    writes.run(() => perform(table, m.op, m.args)).then(
      (value) => send({ id: m.id, ok: true, value }),
      (err: unknown) => send({ id: m.id, ok: false, error: serializeError(err) }),
    );
  });
  post({ kind: 'ready' });
} catch (err) {
  post({ kind: 'failed', message: (err as Error).message });
}
