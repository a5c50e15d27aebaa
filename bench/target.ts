// Child process: the chat server as `chat-api serve` would run it, on the data
// dir the bench made (or on the PostgreSQL database and Redis it names with
// DATABASE_URL and REDIS_URL, BENCH_STORE=postgres), with rate limits off and no logs.
import { rmSync } from 'node:fs';
import { testConfig } from '../src/config.js';
import { createServer } from '../src/server.js';
import { answerCpuProbes, send } from './protocol.js';

const dataDir = process.env.BENCH_DATA_DIR ?? '';
if (!dataDir) throw new Error('BENCH_DATA_DIR is not set (bench/target.ts is started by bench/run.ts)');

const databaseUrl = process.env.DATABASE_URL?.trim() || null;
const redisUrl = process.env.REDIS_URL?.trim() || null;

const server = await createServer(testConfig({ host: '127.0.0.1', port: 0, dataDir, databaseUrl, redisUrl, rateLimits: false, logLevel: 'silent' }));

let stopping = false;
function stop(orphaned = false): void {
  if (stopping) return;
  stopping = true;
  server.close().then(() => {
    // The bench normally removes the data dir; if it died (even by SIGKILL), nobody else will.
    if (orphaned) rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }, (err: unknown) => {
    console.error('bench target: close failed:', err);
    process.exit(1);
  });
}
process.on('SIGTERM', () => stop());
process.on('SIGINT', () => stop());
process.on('disconnect', () => stop(true)); // the bench died: do not outlive it

answerCpuProbes();
send({ type: 'ready', url: await server.listen() });
