// Rate limits against the real server, with small limits so the tests reach
// them quickly, and requests from other loopback addresses (127.0.0.2, ...)
// where a limit is counted per address.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, raw, startServer, type TestServer } from '../helpers/server.js';
import { fromAddress } from '../helpers/raw-http.js';
import { openStream, isType } from '../helpers/stream.js';

const minute = 60_000;
const rate = (points: number, durationMs = minute) => ({ points, durationMs });

function assertLimited(answer: { status: number; body: unknown; headers: Record<string, unknown> | Headers }): void {
  assert.equal(answer.status, 429, JSON.stringify(answer.body));
  assert.equal((answer.body as { error: { code: string } }).error.code, 'rate_limited');
  const retryAfter = answer.headers instanceof Headers ? answer.headers.get('retry-after') : answer.headers['retry-after'];
  assert.ok(Number(retryAfter) >= 1, `Retry-After: ${String(retryAfter)}`);
}

describe('rate limits', () => {
  let t: TestServer;
  before(async () => (t = await startServer({
    rateLimits: true,
    rateSend: rate(3),
    rateSendBurst: rate(2),
    rateGroups: rate(2, 3_600_000),
    rateGroupChanges: rate(3),
    rateLogins: rate(1000),
    rateLoginFailures: rate(3),
    rateAccountFailures: rate(6, 3_600_000),
    rateRegistrations: rate(1000),
    rateUnknownDevices: rate(3),
    rateStreamOpens: rate(1000),
  })));
  after(() => t.close());

  const login = (address: string, name: string, password: string) =>
    fromAddress(address, t.url, '/v1/sessions', { method: 'POST', body: { login: name, password, deviceName: `from ${address}` } });

  it('sends per device: the rate plus the burst, then 429; another device of the account still sends', async () => {
    const phone = await t.user('rl-sender', 'phone');
    await t.user('rl-inbox');
    const answers = [];
    for (let i = 0; i < 6; i++) {
      answers.push(await raw(t.url, '/v1/messages', {
        method: 'POST', token: phone.token!, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: 'rl-inbox', body: `m${i}` }),
      }));
    }
    assert.deepEqual(answers.slice(0, 5).map((a) => a.status), [201, 201, 201, 201, 201], '3 a minute and a burst of 2');
    assertLimited(answers[5]!);
    const laptop = await t.user('rl-sender', 'laptop');
    assert.equal((await laptop.send({ to: 'rl-inbox', body: 'from the laptop' })).body, 'from the laptop');
  });

  it('group creation per account', async () => {
    const owner = await t.user('rl-groups');
    await t.user('rl-member');
    const create = () => raw(t.url, '/v1/conversations', {
      method: 'POST', token: owner.token!, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'g', members: ['rl-member'] }),
    });
    assert.equal((await create()).status, 201);
    assert.equal((await create()).status, 201);
    assertLimited(await create());
  });

  it('group changes per account: renames, adds and removals count; leaving is never refused', async () => {
    const owner = await t.user('rl-changer');
    const member = await t.user('rl-changed');
    await t.user('rl-extra');
    const group = await owner.createGroup('g', ['rl-changed']);
    const json = { 'content-type': 'application/json' };
    const rename = (title: string) => raw(t.url, `/v1/conversations/${group.id}`, { method: 'PATCH', token: owner.token!, headers: json, body: JSON.stringify({ title }) });
    assert.equal((await rename('one')).status, 200);
    assert.equal((await raw(t.url, `/v1/conversations/${group.id}/members`, { method: 'POST', token: owner.token!, headers: json, body: JSON.stringify({ name: 'rl-extra' }) })).status, 200);
    assert.equal((await rename('two')).status, 200);
    assertLimited(await rename('three'));
    assertLimited(await raw(t.url, `/v1/conversations/${group.id}/members/${member.userId}`, { method: 'DELETE', token: owner.token! }));
    assert.equal((await raw(t.url, `/v1/conversations/${group.id}/members/${owner.userId}`, { method: 'DELETE', token: owner.token! })).status, 204, 'leaving');
    assert.equal((await member.renameGroup(group.id, 'theirs')).title, 'theirs', 'another account has its own count');
  });

  it('wrong passwords per account, whatever the spelling, lock that address only; the owner elsewhere still gets in', async () => {
    await t.user('rl-Victim');
    for (const spelling of ['rl-victim', 'RL-VICTIM', 'rl-Victim@example.com']) {
      assert.equal((await login('127.0.0.2', spelling, 'wrong password')).status, 401);
    }
    assertLimited(await login('127.0.0.2', 'rl-victim@EXAMPLE.com', PASSWORD)); // even the right one, from there
    assert.equal((await login('127.0.0.3', 'rl-victim', PASSWORD)).status, 201, 'the owner, from an address that did not fail');
  });

  it('an account under attack from many addresses: those that failed wait, a clean address still gets in', async () => {
    await t.user('rl-target');
    for (const address of ['127.0.0.4', '127.0.0.5', '127.0.0.6']) {
      for (let i = 0; i < 2; i++) assert.equal((await login(address, 'rl-target', `guess ${i}`)).status, 401);
    }
    // 6 failures from all addresses: the account's cap
    assertLimited(await login('127.0.0.4', 'rl-target', PASSWORD));
    assertLimited(await login('127.0.0.5', 'rl-target', 'another guess'));
    assert.equal((await login('127.0.0.7', 'rl-target', PASSWORD)).status, 201);
  });

  it('an account that does not exist answers the same: 401, then 429', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await login('127.0.0.8', 'rl-nobody', 'x'.repeat(8))).status, 401);
    assertLimited(await login('127.0.0.8', 'rl-nobody', 'x'.repeat(8)));
  });

  it('a wrong currentPassword on PATCH and DELETE /v1/me counts as a failed sign-in of that account', async () => {
    const victim = await t.user('rl-stolen');
    const patch = (currentPassword: string) =>
      fromAddress('127.0.0.9', t.url, '/v1/me', { method: 'PATCH', token: victim.token!, body: { email: 'thief@example.com', currentPassword } });
    assert.equal((await patch('guess one')).status, 401);
    assert.equal((await fromAddress('127.0.0.9', t.url, '/v1/me', { method: 'DELETE', token: victim.token!, body: { password: 'guess two' } })).status, 401);
    assert.equal((await login('127.0.0.9', 'rl-stolen', 'guess three')).status, 401);
    assertLimited(await patch(PASSWORD));
    assertLimited(await fromAddress('127.0.0.9', t.url, '/v1/me', { method: 'DELETE', token: victim.token!, body: { password: PASSWORD } }));
    const me = await victim.me();
    assert.equal(me.user.email, 'rl-stolen@example.com', 'the email did not change');
  });

  it('unknown device names on the original API, per address', async () => {
    const get = (name: string) => fromAddress('127.0.0.10', t.url, `/api/get_messages?name_devices=${name}`);
    for (let i = 0; i < 3; i++) assert.equal((await get(`guess-${i}`)).status, 401);
    const limited = await get('guess-4');
    assert.equal(limited.status, 429);
    assert.equal(typeof limited.body.message, 'string', 'in the original API\'s shape');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
  });
});

describe('rate limits: streams opened per address', () => {
  it('refuses the upgrade with 429 in the error shape past the limit', async () => {
    const t = await startServer({ rateLimits: true, rateStreamOpens: rate(2) });
    try {
      const u = await t.user('rl-streams');
      for (let i = 0; i < 2; i++) {
        const s = openStream(t.url, { token: u.token! });
        await s.next(isType('ready'));
        s.close();
      }
      const third = openStream(t.url, { token: u.token! });
      const refused = await new Promise<{ status: number; retryAfter: string | undefined; body: string }>((resolve) =>
        third.ws.on('unexpected-response', (_req, res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }));
        }));
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.retryAfter) >= 1);
      assert.equal((JSON.parse(refused.body) as { error: { code: string } }).error.code, 'rate_limited');
    } finally {
      await t.close();
    }
  });
});

describe('rate limits: CHAT_RATE_LIMITS=off', () => {
  it('lifts every limit, however small the settings', async () => {
    const t = await startServer({ rateLimits: false, rateSend: rate(1), rateSendBurst: rate(1), rateLoginFailures: rate(1) });
    try {
      const a = await t.user('rl-off');
      for (let i = 0; i < 5; i++) await a.send({ to: 'rl-off', body: `n${i}` });
      for (let i = 0; i < 3; i++) assert.equal((await login(t.url, 'rl-off', 'wrong password')).status, 401);
      assert.equal((await login(t.url, 'rl-off', PASSWORD)).status, 201);
    } finally {
      await t.close();
    }
  });

  function login(url: string, name: string, password: string) {
    return fromAddress('127.0.0.1', url, '/v1/sessions', { method: 'POST', body: { login: name, password, deviceName: 'x' } });
  }
});

describe('CHAT_MAX_GROUP_SIZE', () => {
  it('refuses a group, or a new member, past the configured size with 403 naming the limit', async () => {
    const t = await startServer({ maxGroupSize: 3 });
    try {
      const owner = await t.user('gs-owner');
      for (const name of ['gs-a', 'gs-b', 'gs-c']) await t.user(name);
      const tooBig = await raw(t.url, '/v1/conversations', {
        method: 'POST', token: owner.token!, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'big', members: ['gs-a', 'gs-b', 'gs-c'] }),
      });
      assert.equal(tooBig.status, 403);
      assert.match(tooBig.body.error.message, /3/);
      const group = await owner.createGroup('small', ['gs-a', 'gs-b']);
      assert.equal(group.members.length, 3);
      const add = await raw(t.url, `/v1/conversations/${group.id}/members`, {
        method: 'POST', token: owner.token!, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'gs-c' }),
      });
      assert.equal(add.status, 403);
      assert.equal(add.body.error.code, 'forbidden');
    } finally {
      await t.close();
    }
  });
});
