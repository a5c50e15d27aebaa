// The checkpointer: copies committed WAL pages into the database file on its own
// thread and connection, every interval. With SQLite's automatic checkpoint
// off on the writer, no commit waits for a checkpoint (copy and fsync of up to
// 1,000 pages), which would otherwise stall every send behind it. PASSIVE never
// blocks the writer or the readers.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './database.js';

const { dataDir, intervalMs } = workerData as { dataDir: string; intervalMs: number };
const db = openDatabase(dataDir);
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch {
    // busy: the next tick tries again
  }
}, intervalMs);

parentPort!.on('message', (m: { kind: 'close' }) => {
  if (m.kind !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort!.postMessage({ kind: 'closed' });
});
parentPort!.postMessage({ kind: 'ready' });
