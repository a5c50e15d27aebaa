// The presence registry on a real redis-server: a user is online while any
// instance holds a stream of theirs, offline only when the last one leaves;
// the claims of an instance that died expire, those of a live one are renewed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { RedisPresence } from '../../src/bus/redis-presence.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { until } from '../helpers/until.js';

describe('RedisPresence', () => {
  let redis: RedisServer;
  let client: Redis;
  const registries: RedisPresence[] = [];
  const registry = (instanceId: string, ttlMs?: number) => {
    const r = new RedisPresence(client, { instanceId, ttlMs });
    registries.push(r);
    return r;
  };
  before(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { maxRetriesPerRequest: 0 });
  });
  after(async () => {
    for (const r of registries) r.stop();
    client.disconnect();
    await redis.close();
  });

  it('online while any instance holds a stream; offline when the last one leaves', async () => {
    const a = registry('a');
    const b = registry('b');
    assert.equal(await a.join('u1'), true, 'first anywhere: came online');
    assert.equal(await b.join('u1'), false, 'already online on a');
    assert.deepEqual(await b.online(['u1', 'u2']), new Set(['u1']));
    assert.equal(await a.leave('u1'), false, 'still on b');
    assert.deepEqual(await a.online(['u1']), new Set(['u1']));
    assert.equal(await b.leave('u1'), true, 'the last one: went offline');
    assert.deepEqual(await a.online(['u1']), new Set());
    assert.deepEqual(await a.online([]), new Set());
  });

  it('the claims of an instance that stopped renewing expire; those of a live one do not', async () => {
    // A lifetime a loaded machine's stall cannot outlast between two renewals (a third of it).
    const dead = registry('dead', 1_200);
    const live = registry('live', 1_200);
    assert.equal(await dead.join('u3'), true);
    dead.stop(); // as if the process died without leaving
    assert.equal(await live.join('u4'), true);
    const since = Date.now();
    await until(async () => (await live.online(['u3'])).size === 0, 'the dead claim expires');
    assert.ok(Date.now() - since < 10_000);
    await until(() => Date.now() - since > 3_600, 'three lifetimes passed');
    assert.deepEqual(await live.online(['u4']), new Set(['u4']), 'renewed while held');
    assert.equal(await live.join('u3'), true, 'the expired claim does not count');
  });
});
