// The purge lock on a real redis-server: one holder at a time, renewed while
// the job runs, skipped while Redis is away; and Retention purging on one
// instance at a time with it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { ManualClock } from '../../src/adapters/clock.js';
import { RedisLock } from '../../src/bus/redis-lock.js';
import type { RetentionStore, Store, Telemetry } from '../../src/domain/ports/index.js';
import { Retention } from '../../src/domain/retention.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { until } from '../helpers/until.js';

const telemetry: Telemetry = { messageSent() {}, login() {}, purged() {} };

/** A promise and the function that resolves it. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

describe('RedisLock', () => {
  let redis: RedisServer;
  const clients: Redis[] = [];
  const client = () => {
    const c = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
    clients.push(c);
    return c;
  };
  before(async () => (redis = await startRedis()));
  after(async () => {
    for (const c of clients) c.disconnect();
    await redis.close();
  });

  it('runs a job on one holder at a time, and frees the lock when it ends', async () => {
    const [one, two] = [client(), client()];
    await until(() => one.status === 'ready' && two.status === 'ready', 'connected');
    const a = new RedisLock(one);
    const b = new RedisLock(two);
    const release = gate();
    const started = gate();
    const running = a.runAlone('job', async () => {
      started.open();
      await release.promise;
      return 'a ran';
    });
    await started.promise;
    let bRan = false;
    assert.equal(await b.runAlone('job', async () => (bRan = true)), null, 'held by a');
    assert.equal(bRan, false);
    assert.equal(await b.runAlone('another-job', async () => 'b ran'), 'b ran', 'locks are by name');
    release.open();
    assert.equal(await running, 'a ran');
    assert.equal(await b.runAlone('job', async () => 'b ran'), 'b ran', 'free once a is done');
  });

  it('renews the lock while the job runs past its lifetime', async () => {
    const [one, two] = [client(), client()];
    await until(() => one.status === 'ready' && two.status === 'ready', 'connected');
    const a = new RedisLock(one, { ttlMs: 1_200 });
    const b = new RedisLock(two, { ttlMs: 1_200 });
    const release = gate();
    const started = gate();
    const running = a.runAlone('long', async () => {
      started.open();
      await release.promise;
    });
    await started.promise;
    const since = Date.now();
    // Three lifetimes: without renewal the key would be gone.
    await until(() => Date.now() - since > 3_600, 'three lifetimes passed');
    assert.equal(await b.runAlone('long', async () => 'b ran'), null, 'still held');
    release.open();
    await running;
  });

  it('skips the job while Redis is away', async () => {
    const c = client();
    await until(() => c.status === 'ready', 'connected');
    const lock = new RedisLock(c);
    await redis.stop();
    try {
      let ran = false;
      assert.equal(await lock.runAlone('job', async () => (ran = true)), null);
      assert.equal(ran, false);
    } finally {
      await redis.start();
    }
  });

  it('Retention: the purge runs on one instance at a time', async () => {
    const [one, two] = [client(), client()];
    await until(() => one.status === 'ready' && two.status === 'ready', 'connected');
    const release = gate();
    const calls: string[] = [];
    /** A store whose purge on instance `name` waits for the gate, then deletes 5. */
    const store = (name: string): Store => {
      const retention: RetentionStore = { purgeExpired: async () => (calls.push(name), await release.promise, 5), purgeExpiredEvents: async () => 0 };
      return { retention } as unknown as Store;
    };
    const clock = new ManualClock(0);
    const options = { ttlMs: 60_000, purgeIntervalMs: 60_000 };
    const a = new Retention({ store: store('a'), clock, telemetry, lock: new RedisLock(one) }, options);
    const b = new Retention({ store: store('b'), clock, telemetry, lock: new RedisLock(two) }, options);
    const purging = a.purgeNow();
    await until(() => calls.length === 1, 'a purges');
    assert.equal(await b.purgeNow(), 0, 'b skips this round');
    assert.deepEqual(calls, ['a']);
    release.open();
    assert.equal(await purging, 5);
    assert.equal(await b.purgeNow(), 5, 'b purges the next round');
    assert.deepEqual(calls, ['a', 'b']);
  });
});
