// The throwaway redis-server of the test helpers: it answers, keeps nothing
// on disk, and comes back on the same port, empty, after a stop.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { findRedisServer, REDIS_MISSING, startRedis, type RedisServer } from '../helpers/redis-server.js';

describe('test helper: redis-server', () => {
  let redis: RedisServer;
  let client: Redis;
  before(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { retryStrategy: () => 50, maxRetriesPerRequest: null });
  });
  after(async () => {
    client.disconnect();
    await redis.close();
  });

  it('answers on its loopback port without persistence', async () => {
    assert.equal(await client.ping(), 'PONG');
    assert.deepEqual(await client.config('GET', 'save'), ['save', '']);
    assert.deepEqual(await client.config('GET', 'appendonly'), ['appendonly', 'no']);
    assert.deepEqual(await client.config('GET', 'bind'), ['bind', '127.0.0.1']);
    await client.set('k', 'v');
    const [, dir] = (await client.config('GET', 'dir')) as string[];
    assert.deepEqual(readdirSync(dir!), [], 'nothing is written to its directory');
  });

  it('stops and starts again on the same port, empty', async () => {
    await client.set('kept', 'maybe');
    await redis.stop();
    assert.equal(redis.running, false);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(redis.port, '127.0.0.1', () => (socket.destroy(), resolve('connected')));
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    assert.equal(refused, 'ECONNREFUSED', 'nothing listens while it is stopped');
    await redis.start();
    assert.equal(await client.exists('kept'), 0, 'the client reconnects by itself and finds nothing kept');
  });
});

describe('test helper: redis-server, when the binary is missing', () => {
  it('fails with the apt-get line that installs it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'chat-api-no-redis-'));
    try {
      assert.throws(() => findRedisServer([empty]), { message: REDIS_MISSING });
      assert.equal(REDIS_MISSING, 'redis-server is missing: apt-get install -y redis-server');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
