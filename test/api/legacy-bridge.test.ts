// The legacy layer against the rest of the server: messages cross to and from
// v1, sending to oneself is a one-member direct conversation, retention hides
// expired messages, CHAT_LEGACY_API=0 removes the layer, logins and
// registrations are rate limited, and concurrent logins of one device agree.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { ManualClock } from '../../src/adapters/clock.js';
import { testConfig } from '../../src/config.js';
import { AppError } from '../../src/domain/errors.js';
import type { Hasher } from '../../src/domain/ports/index.js';
import { createServer, type Server } from '../../src/server.js';
import { testStore } from '../helpers/store.js';
import { startServer, tempDir, type TestServer } from '../helpers/server.js';
import { account, assertOk, assertRefusal, legacy, LEGACY_PASSWORD, type SendOptions } from '../helpers/legacy.js';

const HOUR = 3_600_000;

/** Registers `name` and logs in `device`, both through the legacy API. */
async function legacyUser(url: string, name: string, device: string): Promise<void> {
  assertOk(await legacy(url, 'POST', '/api/regist', { form: account(name) }));
  assertOk(await legacy(url, 'POST', '/api/user', { form: account(name, device) }));
}

async function inbox(url: string, device: string): Promise<{ name_sender: string; message: string; timestamp: string }[]> {
  const answer = await legacy(url, 'GET', '/api/get_messages', { json: { name_devices: device } });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

const send = (url: string, from: string, to: string, message: string) =>
  legacy(url, 'POST', '/api/send_message', { form: { name: to, message, name_devices: from } });

describe('legacy and v1 share one store', () => {
  let t: TestServer;
  before(async () => {
    t = await startServer();
    await legacyUser(t.url, 'alice', 'alice-dev');
  });
  after(() => t.close());

  it('a message sent through legacy reads through v1 history and sync', async () => {
    const bob = await t.user('bob');
    assertOk(await send(t.url, 'alice-dev', 'bob', 'hello from the seed'));
    const [conversation, ...others] = await bob.conversations();
    assert.equal(others.length, 0);
    assert.equal(conversation!.kind, 'direct');
    assert.deepEqual(conversation!.members.map((m) => m.name).sort(), ['alice', 'bob']);
    const page = await bob.history(conversation!.id);
    assert.deepEqual(page.messages.map((m) => [m.sender.name, m.body]), [['alice', 'hello from the seed']]);
    assert.equal(page.messages[0]!.expiresAt, new Date(t.clock.now() + 2 * HOUR).toISOString());
    const sync = await bob.sync();
    assert.deepEqual(sync.events.map((e) => e.type === 'message' && e.message.body), ['hello from the seed']);
  });

  it('a message sent through v1 reads through /api/get_messages', async () => {
    const bob = await t.user('bob', 'bob-2');
    const sent = await bob.send({ to: 'alice', body: 'hello from v1' });
    const received = await inbox(t.url, 'alice-dev');
    assert.deepEqual(received.at(-1), { name_sender: 'bob', message: 'hello from v1', timestamp: sent.createdAt });
    assert.ok(!received.some((m) => m.message === 'hello from the seed'), 'what alice sent is in her inbox');
    await bob.deleteMessage(sent.id);
    assert.ok(!(await inbox(t.url, 'alice-dev')).some((m) => m.message === 'hello from v1'), 'a deleted message is still listed');
  });

  it('sending to oneself is allowed, and is a direct conversation with one member in v1', async () => {
    assertOk(await send(t.url, 'alice-dev', 'alice', 'note to self'));
    assert.deepEqual((await inbox(t.url, 'alice-dev')).map((m) => [m.name_sender, m.message]), [['alice', 'note to self']]);
    const alice = t.client();
    const login = await alice.login({ login: 'alice', password: LEGACY_PASSWORD, deviceName: 'alice-v1' });
    const self = (await alice.conversations()).filter((c) => c.members.length === 1);
    assert.equal(self.length, 1);
    assert.equal(self[0]!.kind, 'direct');
    assert.deepEqual(self[0]!.members, [{ id: login.user.id, name: 'alice' }]);
    assert.deepEqual((await alice.history(self[0]!.id)).messages.map((m) => m.body), ['note to self']);
    await alice.send({ to: 'alice', body: 'again, from v1' });
    assert.deepEqual((await inbox(t.url, 'alice-dev')).map((m) => m.message), ['note to self', 'again, from v1']);
  });

  it('the legacy device is a device of the account in v1; revoking it there ends it here', async () => {
    const alice = t.client();
    await alice.login({ login: 'alice', password: LEGACY_PASSWORD, deviceName: 'alice-v1-b' });
    const device = (await alice.devices()).find((d) => d.name === 'alice-dev');
    assert.ok(device, 'the legacy device is not listed in v1');
    await alice.revokeDevice(device.id);
    assertRefusal(await legacy(t.url, 'GET', '/api/get_messages', { query: { name_devices: 'alice-dev' } }), 401);
    assertOk(await legacy(t.url, 'POST', '/api/user', { form: account('alice', 'alice-dev') }));
    assert.equal((await inbox(t.url, 'alice-dev')).length, 2);
  });
});

describe('legacy and retention', () => {
  let t: TestServer;
  before(async () => (t = await startServer()));
  after(() => t.close());

  it('a message older than the TTL (2 h by default) is not in get_messages, nor in v1', async () => {
    await legacyUser(t.url, 'carol', 'carol-dev');
    const dave = await t.user('dave');
    const first = await dave.send({ to: 'carol', body: 'old' });
    assertOk(await send(t.url, 'carol-dev', 'dave', 'old reply'));
    t.clock.advance(2 * HOUR - 1);
    await dave.send({ to: 'carol', body: 'new' });
    assert.deepEqual((await inbox(t.url, 'carol-dev')).map((m) => m.message), ['old', 'new'], 'expired before its time');
    t.clock.advance(1);
    assert.deepEqual((await inbox(t.url, 'carol-dev')).map((m) => m.message), ['new']);
    assert.deepEqual((await dave.history(first.conversationId)).messages.map((m) => m.body), ['new']);
  });
});

describe('CHAT_LEGACY_API=0', () => {
  let t: TestServer;
  before(async () => (t = await startServer({ legacyApi: false })));
  after(() => t.close());

  it('answers 404 on every /api/* call, in the v1 error shape', async () => {
    const calls: [string, string, SendOptions][] = [
      ['POST', '/api/regist', { form: account('erin') }],
      ['POST', '/api/user', { form: account('erin', 'erin-dev') }],
      ['POST', '/api/send_message', { json: { name: 'erin', message: 'hi', name_devices: 'erin-dev' } }],
      ['GET', '/api/get_messages', { json: { name_devices: 'erin-dev' } }],
      ['POST', '/api/search', { query: { name: 'erin' } }],
    ];
    for (const [method, path, options] of calls) {
      const answer = await legacy(t.url, method, path, options);
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.equal(answer.body.error?.code, 'not_found', `${method} ${path}: ${JSON.stringify(answer.body)}`);
      assert.equal(typeof answer.body.error.message, 'string');
    }
    const zed = await t.user('zed');
    assert.deepEqual(await zed.searchUsers('erin'), [], 'a legacy call reached the store');
  });
});

describe('legacy rate limits', () => {
  let t: TestServer;
  before(async () => (t = await startServer({ rateLimits: true })));
  after(() => t.close());

  /** Repeats a call until it answers 429; checks every earlier answer and the refusal. */
  async function untilLimited(path: string, options: SendOptions, earlier: number): Promise<void> {
    for (let attempt = 1; attempt <= 50; attempt++) {
      const answer = await legacy(t.url, 'POST', path, options);
      if (answer.status !== 429) {
        assert.equal(answer.status, earlier, `attempt ${attempt}: ${JSON.stringify(answer.body)}`);
        continue;
      }
      assertRefusal(answer, 429);
      assert.match(String(answer.headers['retry-after']), /^[1-9]\d*$/);
      return;
    }
    assert.fail(`${path} was never rate limited`);
  }

  it('/api/user gives 429 with Retry-After after repeated failed logins', async () => {
    assertOk(await legacy(t.url, 'POST', '/api/regist', { form: account('frank') }));
    await untilLimited('/api/user', { form: { ...account('frank', 'frank-dev'), password: 'not-the-password' } }, 401);
  });

  it('/api/regist gives 429 with Retry-After after repeated attempts on one name', async () => {
    assertOk(await legacy(t.url, 'POST', '/api/regist', { form: account('grace') }));
    await untilLimited('/api/regist', { form: account('grace') }, 400);
  });
});

describe('legacy logins with a hasher the test controls', () => {
  // It can hold password checks until `gate` are waiting, so that many logins
  // reach the device lookup together and race to create the device; and it can
  // fail the way a store that is down fails.
  const waiting: (() => void)[] = [];
  let gate = 0;
  let down = false;
  const hasher: Hasher = {
    hash: async (password) => `plain:${password}`,
    verify: async (hash, password) => {
      if (down) throw new AppError('unavailable', 'The database is not available; try again');
      if (gate > 0) {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length >= gate) {
            gate = 0;
            for (const release of waiting.splice(0)) release();
          }
        });
      }
      return hash === `plain:${password}`;
    },
  };
  const dataDir = tempDir();
  let server: Server;
  let url: string;
  before(async () => {
    server = await createServer(testConfig({ port: 0, dataDir, rateLimits: false }), { clock: new ManualClock(), hasher, openStore: testStore(dataDir) });
    url = await server.listen();
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('concurrent logins of one new device on one account all succeed, and leave one device', async () => {
    assertOk(await legacy(url, 'POST', '/api/regist', { form: account('heidi') }));
    gate = 3;
    const answers = await Promise.all([1, 2, 3].map(() => legacy(url, 'POST', '/api/user', { form: account('heidi', 'heidi-dev') })));
    assert.equal(gate, 0, 'the three logins did not meet at the gate');
    for (const answer of answers) assertOk(answer);
    const v1 = await server.services.accounts.login({ login: 'heidi', password: LEGACY_PASSWORD, deviceName: 'v1' });
    const devices = await server.store.devices.list(v1.user.id);
    assert.deepEqual(devices.map((d) => d.name).sort(), ['heidi-dev', 'v1']);
  });

  it('a failure of the service is not reported as wrong credentials', async () => {
    down = true;
    try {
      assertRefusal(await legacy(url, 'POST', '/api/user', { form: account('heidi', 'heidi-dev') }), 503);
    } finally {
      down = false;
    }
    assertOk(await legacy(url, 'POST', '/api/user', { form: account('heidi', 'heidi-dev') }));
  });
});
