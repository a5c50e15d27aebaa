// Streams on a server on the Redis bus, fed by another instance's sends: live,
// and across a Redis outage (test/helpers/redis-instances.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RedisBus } from '../../src/bus/redis.js';
import type { BusMessage } from '../../src/domain/ports/index.js';
import { startRedisInstances, type RedisInstances } from '../helpers/redis-instances.js';
import { raw } from '../helpers/server.js';
import { isType, openStream } from '../helpers/stream.js';
import { until } from '../helpers/until.js';

describe('REDIS_URL: the Redis bus', () => {
  let i: RedisInstances;
  before(async () => (i = await startRedisInstances()));
  after(() => i?.close());

  it('uses the RedisBus and is ready once connected to Redis', async () => {
    assert.ok(i.t.server.bus instanceof RedisBus);
    await until(async () => (await raw(i.t.url, '/readyz')).status === 200, '/readyz answers 200');
  });

  it('a message sent through the other instance reaches a stream open here', async () => {
    const a = await i.t.user('rb-a');
    const b = await i.t.user('rb-b');
    const stream = openStream(i.t.url, { token: b.token! });
    await stream.next(isType('ready'));
    await until(() => i.other.bus.connected, 'the other instance is connected');
    await i.other.messaging.send(await i.sessionOf(a.token!), { to: 'rb-b', body: 'from the other instance' });
    const got = await stream.next(isType('message'));
    assert.equal(got.type === 'message' && got.message.body, 'from the other instance');
    stream.close();
  });

  it("typing on a stream here reaches a member's stream on the other instance", async () => {
    const a = await i.t.user('rb-e');
    const b = await i.t.user('rb-f');
    const sent = await a.send({ to: 'rb-f', body: 'hello' });
    const heard: BusMessage[] = [];
    const arrived = new Promise<void>((resolve) => {
      i.other.hub.add({ userId: b.userId, deviceId: b.deviceId, deliver: (m) => m.event.type === 'typing' && (heard.push(m), resolve()), mayHaveMissed() {} });
    });
    await i.other.bus.subscribed();
    const stream = openStream(i.t.url, { token: a.token! });
    await stream.next(isType('ready'));
    stream.send({ type: 'typing', conversationId: sent.conversationId });
    await arrived;
    assert.deepEqual(heard.map((m) => m.event), [{ type: 'typing', conversationId: sent.conversationId, userId: a.userId }]);
    stream.close();
  });

  it('while Redis is away: /readyz 503, local delivery goes on; when it returns: /readyz 200 and the stream fills what it missed', async () => {
    const { t, other } = i;
    const a = await t.user('rb-c');
    const b = await t.user('rb-d');
    const stream = openStream(t.url, { token: b.token! });
    await stream.next(isType('ready'));
    const aSession = await i.sessionOf(a.token!);

    await i.redis.stop();
    await until(async () => (await raw(t.url, '/readyz')).status === 503, '/readyz answers 503');
    const answer = await raw(t.url, '/readyz');
    assert.deepEqual(answer.body, { error: { code: 'unavailable', message: 'Redis does not answer' } });

    await a.send({ to: 'rb-d', body: 'sent here while Redis is away' });
    const local = await stream.next(isType('message'));
    assert.equal(local.type === 'message' && local.message.body, 'sent here while Redis is away', 'local delivery does not wait for Redis');
    // Committed through the other instance: its publish is lost with Redis away.
    await other.messaging.send(aSession, { to: 'rb-d', body: 'sent there while Redis is away' });

    await i.redis.start();
    await until(async () => (await raw(t.url, '/readyz')).status === 200, '/readyz answers 200 again');
    // Nothing else is sent: only the bus's gap signal can bring the lost event.
    const filled = await stream.next(isType('message'), 20_000);
    assert.equal(filled.type === 'message' && filled.message.body, 'sent there while Redis is away');
    const positions = stream.received.filter(isType('message')).map((e) => e.cursor);
    assert.equal(new Set(positions).size, 2, 'each event once');

    await until(() => other.bus.connected, 'the other instance is back');
    await other.messaging.send(aSession, { to: 'rb-d', body: 'after Redis returned' });
    const live = await stream.next(isType('message'));
    assert.equal(live.type === 'message' && live.message.body, 'after Redis returned', 'cross-instance delivery resumed');
    stream.close();
  });
});
