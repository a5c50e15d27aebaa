// A server on the Redis bus (REDIS_URL) and, beside it, "the other instance":
// its own domain services on the same store, on its own RedisBus, as another
// chat-api process would have. Two servers cannot share one SQLite directory
// (it has one writer); the multi-instance suites run two on PostgreSQL.
import assert from 'node:assert/strict';
import { argon2Hasher } from '../../src/adapters/argon2-hasher.js';
import { cryptoRandom } from '../../src/adapters/random.js';
import { Hub } from '../../src/bus/hub.js';
import { openRedis, type RedisParts } from '../../src/bus/redis-parts.js';
import type { Config } from '../../src/config.js';
import { Accounts, hashToken } from '../../src/domain/accounts.js';
import { Messaging } from '../../src/domain/messaging.js';
import type { Session, Telemetry } from '../../src/domain/ports/index.js';
import { Retention } from '../../src/domain/retention.js';
import { Presence } from '../../src/http/stream/presence.js';
import { startRedis, type RedisServer } from './redis-server.js';
import { startServer, type TestServer } from './server.js';

const telemetry: Telemetry = { messageSent() {}, login() {}, purged() {} };

export interface RedisInstances {
  redis: RedisServer;
  /** The server under test, on REDIS_URL. */
  t: TestServer;
  /** Its hub takes stand-in streams (StreamSink objects) where a test needs a user online there. */
  other: { redis: RedisParts; bus: RedisParts['bus']; accounts: Accounts; messaging: Messaging; hub: Hub; presence: Presence };
  /** The session the other instance finds for a token. */
  sessionOf(token: string): Promise<Session>;
  close(): Promise<void>;
}

export async function startRedisInstances(overrides: Partial<Config> = {}): Promise<RedisInstances> {
  const redis = await startRedis();
  // Both instances of one deployment: the same Redis and the same prefix in it.
  const redisPrefix = overrides.redisPrefix ?? 'chat:';
  const t = await startServer({ redisUrl: redis.url, presenceGraceMs: 0, ...overrides, redisPrefix });
  const store = t.server.store;
  const parts = openRedis(redis.url, undefined, { prefix: redisPrefix });
  const bus = parts.bus;
  const retention = new Retention({ store, clock: t.clock, telemetry }, { ttlMs: 0, purgeIntervalMs: 60_000 });
  const messaging = new Messaging({ store, random: cryptoRandom, clock: t.clock, bus, telemetry, retention });
  const accounts = new Accounts({ store, hasher: argon2Hasher, random: cryptoRandom, clock: t.clock, bus, telemetry });
  const hub = new Hub(bus, 5);
  const presence = new Presence({ hub, bus, store, graceMs: 0, registry: parts.presence, onError: () => {} });
  return {
    redis,
    t,
    other: { redis: parts, bus, accounts, messaging, hub, presence },
    async sessionOf(token) {
      const session = await store.devices.findSession(hashToken(token));
      assert.ok(session, 'the token names a session');
      return session;
    },
    async close() {
      presence.stop();
      await parts.close();
      await t.close();
      await redis.close();
    },
  };
}
