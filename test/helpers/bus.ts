// The bus the suites' servers run on, chosen here once: in-process by default;
// CHAT_TEST_BUS=redis puts every server a suite starts on the Redis bus (one
// throwaway redis-server per test process, gone when it exits), so the same
// API suites run on it unchanged. Suites about Redis itself start their own.
import { startRedis, type RedisServer } from './redis-server.js';

const kind = process.env.CHAT_TEST_BUS ?? 'local';
let shared: Promise<RedisServer> | undefined;

/** REDIS_URL for a test server: null on the in-process bus. */
export async function testRedisUrl(): Promise<string | null> {
  if (kind === 'local') return null;
  if (kind !== 'redis') throw new Error(`CHAT_TEST_BUS=${kind}: no such bus (local, redis)`);
  shared ??= startRedis();
  return (await shared).url;
}
