// The Redis bus on a real redis-server: the EventBus contract on one instance
// and across two, cross-instance delivery both ways, per-account channels,
// and Redis stopped mid-run.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { RedisBus } from '../../src/bus/redis.js';
import type { BusMessage, EventBus, Revocation } from '../../src/domain/ports/index.js';
import { busContract } from '../helpers/bus-contract.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { until } from '../helpers/until.js';

let redis: RedisServer;
before(async () => (redis = await startRedis()));
after(() => redis.close());

busContract('redis (one instance)', async () => new RedisBus(redis.url));

// Published through one instance, heard through another: every message crosses Redis.
busContract('redis (publish on one instance, subscribe on another)', async () => {
  const publisher = new RedisBus(redis.url);
  const subscriber = new RedisBus(redis.url);
  // What the publisher sends before its connection is up reaches only itself (and makes a gap signal).
  await Promise.all([publisher.ready(), subscriber.ready()]);
  let subscriptions: Promise<void> = subscriber.subscribed();
  let sending: Promise<void> = Promise.resolve();
  const pair: EventBus = {
    // A subscription is active on Redis a moment after subscribe() returns; the contract publishes at once.
    publish: (messages) => void (sending = sending.then(() => subscriptions).then(() => publisher.publish(messages))),
    subscribe: (userId, handler) => {
      const unsubscribe = subscriber.subscribe(userId, handler);
      subscriptions = subscriber.subscribed();
      return unsubscribe;
    },
    onGap: (listener) => subscriber.onGap(listener),
    revoke: (r) => void (sending = sending.then(() => subscriber.subscribed()).then(() => publisher.revoke(r))),
    onRevoke: (listener) => subscriber.onRevoke(listener),
    close: async () => {
      await sending;
      await Promise.all([publisher.close(), subscriber.close()]);
    },
  };
  return pair;
});

const typing = (userId: string, mark: string): BusMessage => ({ userId, event: { type: 'typing', conversationId: mark, userId: 'someone' } });

/** Records what a handler gets; `next(mark)` waits for a message with that mark. */
function inbox() {
  const got: string[] = [];
  let waiters: { mark: string; resolve: () => void }[] = [];
  return {
    got,
    handler: (m: BusMessage) => {
      const mark = m.event.type === 'typing' ? m.event.conversationId : m.event.type;
      got.push(mark);
      waiters = waiters.filter((w) => (w.mark === mark ? (w.resolve(), false) : true));
    },
    next: (mark: string) => (got.includes(mark) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ mark, resolve }))),
  };
}

describe('redis bus: two instances', () => {
  let a: RedisBus;
  let b: RedisBus;
  let admin: Redis;
  before(async () => {
    a = new RedisBus(redis.url, { instanceId: 'instance-a' });
    b = new RedisBus(redis.url, { instanceId: 'instance-b' });
    admin = new Redis(redis.url, { retryStrategy: () => 50, maxRetriesPerRequest: null });
    await Promise.all([a.ready(), b.ready()]);
  });
  after(async () => {
    admin.disconnect();
    await Promise.all([a.close(), b.close()]);
  });

  it('delivers across instances both ways, and once to the publishing one', async () => {
    const onA = inbox();
    const onB = inbox();
    a.subscribe('both', onA.handler);
    b.subscribe('both', onB.handler);
    await Promise.all([a.subscribed(), b.subscribed()]);
    a.publish([typing('both', 'from-a')]);
    b.publish([typing('both', 'from-b')]);
    a.publish([typing('both', 'last-a')]);
    b.publish([typing('both', 'last-b')]);
    await Promise.all([onA.next('last-a'), onA.next('last-b'), onB.next('last-a'), onB.next('last-b')]);
    for (const got of [onA.got, onB.got]) {
      assert.deepEqual([...got].sort(), ['from-a', 'from-b', 'last-a', 'last-b'], 'each message once, the own copy from Redis dropped');
      assert.ok(got.indexOf('from-a') < got.indexOf('last-a') && got.indexOf('from-b') < got.indexOf('last-b'), 'each publisher\'s order kept');
    }
  });

  it('an instance subscribes to an account only while it has a subscriber of it', async () => {
    const numsub = async (userId: string) => ((await admin.pubsub('NUMSUB', `chat:acct:${userId}`)) as [string, number])[1];
    const onB = inbox();
    const unsubscribe = b.subscribe('only-b', onB.handler);
    const unsubscribeSecond = b.subscribe('only-b', () => {}); // a second subscriber of the account: still one channel subscription
    await b.subscribed();
    assert.equal(await numsub('only-b'), 1, 'only instance b listens to its channel');
    const onA = inbox();
    a.subscribe('elsewhere', onA.handler);
    await a.subscribed();
    a.publish([typing('only-b', 'for-b')]);
    await onB.next('for-b');
    unsubscribe();
    await b.subscribed();
    assert.equal(await numsub('only-b'), 1, 'the other subscriber keeps the channel');
    unsubscribeSecond();
    await b.subscribed();
    assert.equal(await numsub('only-b'), 0, 'the last one gone, instance b leaves the channel');
    assert.equal(await numsub('nobody-here'), 0);
    assert.deepEqual(onA.got, []);
  });

  it('what an instance publishes before its connection is first up is lost to the others, and they are told of a gap', { timeout: 10_000 }, async () => {
    const onB = inbox();
    b.subscribe('early', onB.handler);
    await Promise.all([b.ready(), b.subscribed()]);
    const gapsOnB: (string | undefined)[] = [];
    const heard = new Promise<void>((resolve) => b.onGap((userId) => (gapsOnB.push(userId), userId === undefined && resolve())));
    const early = new RedisBus(redis.url, { instanceId: 'instance-early' });
    try {
      early.publish([typing('early', 'too-soon')]);
      await heard;
      assert.ok(gapsOnB.includes(undefined), 'a gap for every account: b reads what it missed from the feed');
      early.publish([typing('early', 'once-up')]);
      await onB.next('once-up');
      assert.deepEqual(onB.got, ['once-up']);
    } finally {
      await early.close();
    }
  });

  it('a revocation reaches every instance, the publishing one at once', async () => {
    const heardA: Revocation[] = [];
    const heardB: Revocation[] = [];
    a.onRevoke((r) => heardA.push(r));
    const onB = new Promise<void>((resolve) => b.onRevoke((r) => (heardB.push(r), resolve())));
    a.revoke({ userId: 'revoked', deviceIds: ['d1'] });
    assert.deepEqual(heardA, [{ userId: 'revoked', deviceIds: ['d1'] }], 'synchronously on the instance that revoked');
    await onB;
    assert.deepEqual(heardB, [{ userId: 'revoked', deviceIds: ['d1'] }]);
    assert.equal(heardA.length, 1, 'the own copy from Redis is dropped');
  });

  it('while Redis is away local delivery goes on and publish neither throws nor waits; then delivery resumes and a gap is signalled', async () => {
    const onA = inbox();
    const onB = inbox();
    a.subscribe('outage', onA.handler);
    b.subscribe('outage', onB.handler);
    await Promise.all([a.subscribed(), b.subscribed()]);
    const gapsOnB: (string | undefined)[] = [];
    b.onGap((userId) => gapsOnB.push(userId));

    await redis.stop();
    await until(() => !a.connected && !b.connected, 'both instances notice Redis is gone');
    const started = performance.now();
    assert.doesNotThrow(() => a.publish([typing('outage', 'during')]));
    assert.ok(performance.now() - started < 1_000, 'publish returns at once (it never waits for Redis)');
    assert.deepEqual(onA.got, ['during'], 'local delivery goes on, synchronously');

    await redis.start();
    await until(() => a.connected && b.connected && gapsOnB.includes(undefined), 'both reconnect and b is told it may have missed messages');
    a.publish([typing('outage', 'after')]);
    await onB.next('after');
    assert.deepEqual(onB.got, ['after'], 'what was published during the outage is lost on the bus (the feed has it)');
  });
});
