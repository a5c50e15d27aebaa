// Child process for BENCH_STORE=postgres: a throwaway PostgreSQL and redis-server
// from this machine's binaries, started by the test suite's own helpers. They
// live in this child rather than in the bench so that they never outlive it: the
// helpers remove them when this process ends, and it ends when the bench sends
// SIGTERM (after the chat servers have stopped) or goes away (even by SIGKILL). run.ts starts it in its own process group, so a Ctrl+C at the
// terminal does not stop the database under chat servers that are still closing.
import { startPostgres, type PostgresServer } from '../test/helpers/postgres-server.js';
import { startRedis, type RedisServer } from '../test/helpers/redis-server.js';
import { send } from './protocol.js';

let postgres: PostgresServer | undefined;
let redis: RedisServer | undefined;
let stopping = false;

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([postgres?.close(), redis?.close()]);
  process.exit(0);
}
process.on('disconnect', () => void stop()); // the bench died: take the servers with us
// No SIGTERM listener here: the helpers' own hooks stop both servers at once, remove
// their data and end this process; a second, slower stop would race them.

try {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
} catch (err) {
  // A missing binary names its apt-get line; the helpers' exit hooks remove whatever did start.
  console.error(`bench services: ${(err as Error).message}`);
  process.exit(1);
}
send({ type: 'ready', url: postgres.url(), details: { redisUrl: redis.url } });
