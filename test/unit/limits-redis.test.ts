// The rate limiters on a real redis-server: with REDIS_URL a limit is one
// limit across instances; while Redis is away each instance counts in memory.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { testConfig } from '../../src/config.js';
import { isAppError } from '../../src/domain/errors.js';
import { createRateLimits } from '../../src/http/limits.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { until } from '../helpers/until.js';

const config = testConfig({ rateLimits: true, rateGroups: { points: 3, durationMs: 60_000 } });
const limited = (err: unknown) => isAppError(err) && err.code === 'rate_limited';

describe('rate limits on Redis', () => {
  let redis: RedisServer;
  let one: Redis;
  let two: Redis;
  before(async () => {
    redis = await startRedis();
    const options = { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1_000, retryStrategy: () => 50 };
    one = new Redis(redis.url, options);
    two = new Redis(redis.url, options);
    await until(() => one.status === 'ready' && two.status === 'ready', 'connected');
  });
  after(async () => {
    one.disconnect();
    two.disconnect();
    await redis.close();
  });

  it('a limit is one limit across instances', async () => {
    const a = createRateLimits(config, { redis: one });
    const b = createRateLimits(config, { redis: two });
    await a.createGroup('user-1');
    await b.createGroup('user-1');
    await a.createGroup('user-1');
    await assert.rejects(b.createGroup('user-1'), limited, 'the fourth, on the other instance, is refused');
    await assert.rejects(a.createGroup('user-1'), limited);
    await b.createGroup('user-2');
    assert.ok((await one.keys('chat:rl:*')).length > 0, 'the counters live in Redis');
  });

  it('while Redis is away each instance counts in its own memory, and no other error escapes', async () => {
    const a = createRateLimits(config, { redis: one });
    await redis.stop();
    try {
      await until(() => one.status !== 'ready', 'the connection notices');
      for (let i = 0; i < 3; i++) await a.createGroup('user-3');
      await assert.rejects(a.createGroup('user-3'), limited, 'still limited, in memory');
      await assert.rejects(a.password('10.0.0.1', 'user:x', async () => { throw Object.assign(new Error('x'), { code: 'other' }); }), /x/);
    } finally {
      await redis.start();
    }
  });
});
