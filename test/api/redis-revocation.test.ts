// Revocation across instances: a device revoked or an account deleted through
// one instance drops its token from every instance's session cache at once.
// Both clocks stand still, so a cached session never expires by itself here:
// only the revocation on the bus can make the token fail.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startRedisInstances, type RedisInstances } from '../helpers/redis-instances.js';
import { PASSWORD, raw } from '../helpers/server.js';
import { isType, openStream } from '../helpers/stream.js';
import { until } from '../helpers/until.js';

describe('REDIS_URL: revocation spans instances', () => {
  let i: RedisInstances;
  before(async () => {
    i = await startRedisInstances();
    await until(() => i.other.bus.connected, 'the other instance is connected');
    await until(async () => (await raw(i.t.url, '/readyz')).status === 200, 'the server is connected');
  });
  after(() => i?.close());

  const authorized = async (token: string) => (await raw(i.t.url, '/v1/me', { token })).status;

  it('a device revoked here: the other instance refuses its token at once', async () => {
    const a = await i.t.user('rv-a', 'phone');
    const laptop = await i.t.user('rv-a', 'laptop');
    assert.ok(await i.other.accounts.authenticate(laptop.token!), 'cached on the other instance');
    await a.revokeDevice(laptop.deviceId);
    await until(async () => (await i.other.accounts.authenticate(laptop.token!)) === null, 'the other instance refuses the token', 1_500);
  });

  it('a device revoked on the other instance: this one refuses its token and closes its stream', async () => {
    const a = await i.t.user('rv-b', 'phone');
    const laptop = await i.t.user('rv-b', 'laptop');
    assert.equal(await authorized(laptop.token!), 200, 'cached here');
    const stream = openStream(i.t.url, { token: laptop.token! });
    await stream.next(isType('ready'));
    await i.other.accounts.revokeDevice(await i.sessionOf(a.token!), laptop.deviceId);
    assert.equal((await stream.closed).code, 4401, 'its stream here is closed');
    assert.equal(await authorized(laptop.token!), 401);
    assert.equal(await authorized(a.token!), 200, 'the other device is untouched');
  });

  it('an account deleted on the other instance: this one refuses every token of it', async () => {
    const phone = await i.t.user('rv-c', 'phone');
    const laptop = await i.t.user('rv-c', 'laptop');
    assert.equal(await authorized(phone.token!), 200);
    assert.equal(await authorized(laptop.token!), 200);
    await i.other.accounts.deleteAccount(await i.sessionOf(phone.token!), PASSWORD);
    await until(async () => (await authorized(phone.token!)) === 401 && (await authorized(laptop.token!)) === 401, 'both tokens fail here', 1_500);
  });

  it('a revocation lost while Redis was away: every cached session is dropped when Redis returns', async () => {
    const a = await i.t.user('rv-d', 'phone');
    const laptop = await i.t.user('rv-d', 'laptop');
    assert.equal(await authorized(laptop.token!), 200, 'cached here');
    await i.redis.stop();
    await until(() => !i.other.bus.connected, 'the other instance notices');
    await i.other.accounts.revokeDevice(await i.sessionOf(a.token!), laptop.deviceId);
    assert.equal(await authorized(laptop.token!), 200, 'unseen here while Redis is away (the cache lives 5 s; the clock stands still)');
    await i.redis.start();
    await until(async () => (await authorized(laptop.token!)) === 401, 'the token fails once Redis is back');
    assert.equal(await authorized(a.token!), 200);
  });
});
