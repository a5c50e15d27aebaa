// Everything an instance keeps in Redis when REDIS_URL is set, opened from the
// URL: the bus (two connections of its own: pub/sub needs one to itself), and
// one connection for commands - the rate limiters' counters, the presence
// registry, the purge lock. That one has no offline queue: while Redis is away
// its commands fail at once and each user falls back (see each file).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisBus } from './redis.js';
import { connectRedis, endRedis, type RedisLog } from './redis-connection.js';
import { RedisLock } from './redis-lock.js';
import { RedisPresence } from './redis-presence.js';

/** A command Redis does not answer within this fails, rather than hold a request. */
const COMMAND_TIMEOUT_MS = 1_000;

export interface RedisParts {
  bus: RedisBus;
  /** For the rate limiters (rate-limiter-flexible takes the connection itself). */
  commands: Redis;
  presence: RedisPresence;
  lock: RedisLock;
  /** Every connection is up: what /readyz asks. */
  readonly connected: boolean;
  close(): Promise<void>;
}

export function openRedis(url: string, log?: RedisLog, options: { prefix?: string } = {}): RedisParts {
  const instanceId = randomUUID();
  const prefix = options.prefix ?? 'chat:';
  const bus = new RedisBus(url, { instanceId, prefix, log });
  const commands = connectRedis(url, 'commands', log, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: COMMAND_TIMEOUT_MS });
  const presence = new RedisPresence(commands, { instanceId, prefix });
  const lock = new RedisLock(commands, { prefix });
  return {
    bus,
    commands,
    presence,
    lock,
    get connected() {
      return bus.connected && commands.status === 'ready';
    },
    async close() {
      presence.stop();
      await bus.close();
      await endRedis(commands);
    },
  };
}
