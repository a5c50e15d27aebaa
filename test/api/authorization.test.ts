// A third user who holds every id of a conversation between two others can
// read, change or delete nothing of it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { raw, startServer, type TestServer } from '../helpers/server.js';
import { refused } from '../helpers/refused.js';


describe('authorization', () => {
  let t: TestServer;
  before(async () => (t = await startServer()));
  after(() => t.close());

  it('a non-member can neither read nor write a conversation, nor its messages', async () => {
    const alice = await t.user('alice');
    const bob = await t.user('bob');
    const mallory = await t.user('mallory');
    const m = await alice.send({ to: 'bob', body: 'secret' });
    const group = await alice.createGroup('Private', ['bob']);
    const g = await alice.send({ conversationId: group.id, body: 'group secret' });

    for (const conversationId of [m.conversationId, group.id]) {
      await refused(mallory.history(conversationId), 403);
      await refused(mallory.send({ conversationId, body: 'intrusion' }), 403);
      await refused(mallory.markRead(conversationId, m.id), 403);
      await refused(mallory.addMember(conversationId, 'mallory'), 403);
      await refused(mallory.removeMember(conversationId, bob.userId), 403);
    }
    await refused(mallory.deleteMessage(m.id), 403);
    await refused(mallory.deleteMessage(g.id), 403);
    await refused(mallory.renameDevice(alice.deviceId, 'pwned'), 404);
    await refused(mallory.revokeDevice(bob.deviceId), 404);

    assert.deepEqual(await mallory.conversations(), []);
    assert.deepEqual((await mallory.sync()).events, []);
    const found = await mallory.searchUsers('alice');
    assert.equal(found[0]!.name, 'alice');
    assert.equal(found[0]!.email, undefined);

    // and nothing changed for the members
    assert.deepEqual((await bob.history(m.conversationId)).messages.map((x) => x.body), ['secret']);
    assert.deepEqual((await bob.history(group.id)).messages.map((x) => x.body), ['group secret']);
    assert.deepEqual((await alice.devices()).map((d) => d.name), ['device-1']);
    assert.equal((await bob.devices()).length, 1);
    assert.deepEqual(group.members.length, 2);
    assert.equal((await bob.conversations()).find((c) => c.id === group.id)!.members.length, 2);
  });

  it('a removed member loses access and gets no new events', async () => {
    const carl = await t.user('carl');
    const dora = await t.user('dora');
    const group = await carl.createGroup('Club', ['dora']);
    await carl.removeMember(group.id, dora.userId);
    await carl.send({ conversationId: group.id, body: 'after removal' });
    await refused(dora.history(group.id), 403);
    const events = (await dora.sync()).events;
    assert.ok(!JSON.stringify(events).includes('after removal'));
  });

  it('authentication comes before validation: no token is 401 whatever the body', async () => {
    for (const [method, path] of [['DELETE', '/v1/me'], ['POST', '/v1/messages'], ['PATCH', '/v1/me'], ['POST', '/v1/conversations']] as const) {
      const r = await raw(t.url, path, { method, headers: { 'content-type': 'application/json' }, body: '{"unexpected": true}' });
      assert.equal(r.status, 401, `${method} ${path}`);
      assert.equal(r.body.error.code, 'unauthorized');
    }
  });
});
