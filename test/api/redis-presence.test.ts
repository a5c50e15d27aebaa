// Presence across instances: a user is online while any instance holds a
// stream of theirs, and offline only when the last one, on every instance,
// closes. The other instance's stream is a stand-in in its hub.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamSink } from '../../src/bus/hub.js';
import { startRedisInstances, type RedisInstances } from '../helpers/redis-instances.js';
import { raw } from '../helpers/server.js';
import { isType, openStream } from '../helpers/stream.js';
import { until } from '../helpers/until.js';

describe('REDIS_URL: presence spans instances', () => {
  let i: RedisInstances;
  before(async () => {
    i = await startRedisInstances();
    await until(async () => i.other.redis.connected && (await raw(i.t.url, '/readyz')).status === 200, 'both instances are connected');
  });
  after(() => i?.close());

  it('online from a stream on the other instance; offline only when the last stream anywhere closes', async () => {
    const { t, other } = i;
    const u = await t.user('pr-u');
    const w = await t.user('pr-w');
    await u.send({ to: 'pr-w', body: 'we share a conversation' });
    const watcher = openStream(t.url, { token: w.token! });
    await watcher.next(isType('ready'));
    const presenceOfU = () => watcher.received.filter(isType('presence')).filter((e) => e.userId === u.userId).map((e) => e.online);

    const elsewhere: StreamSink = { userId: u.userId, deviceId: u.deviceId, deliver() {}, mayHaveMissed() {} };
    other.hub.add(elsewhere);
    const online = await watcher.next((e) => e.type === 'presence' && e.userId === u.userId);
    assert.equal(online.type === 'presence' && online.online, true, 'announced by the other instance, through Redis');

    const late = openStream(t.url, { token: w.token! });
    await late.next(isType('ready'));
    const listed = await late.next(isType('presence'));
    assert.deepEqual(listed, { type: 'presence', userId: u.userId, online: true }, 'a stream opened here lists the user online on the other instance');
    late.close();

    const here = openStream(t.url, { token: u.token! });
    await here.next(isType('ready'));
    const key = `chat:presence:${u.userId}`;
    await until(async () => (await other.redis.commands.hlen(key)) === 2, 'both instances hold a claim');
    other.hub.remove(elsewhere);
    // The registry's answers come on this same connection, in order: the leave was answered before this.
    await until(async () => (await other.redis.commands.hlen(key)) === 1, 'the other instance left');
    // An announcement would go out after a contacts read: one more, then a barrier on the same bus, after it.
    await t.server.store.conversations.contactIds(u.userId);
    other.bus.publish([{ userId: w.userId, event: { type: 'typing', conversationId: 'barrier', userId: u.userId } }]);
    await watcher.next((e) => e.type === 'typing' && e.conversationId === 'barrier');
    assert.deepEqual(presenceOfU(), [true], 'no offline while a stream is open here');
    here.close();
    const offline = await watcher.next((e) => e.type === 'presence' && e.userId === u.userId);
    assert.equal(offline.type === 'presence' && offline.online, false);
    assert.deepEqual(presenceOfU(), [true, false], 'online once, offline once: not when the other instance\'s stream closed');
    watcher.close();
  });
});
