// Conversations and messages through the SDK against the real server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from '../helpers/server.js';
import { refused } from '../helpers/refused.js';


describe('messaging', () => {
  let t: TestServer;
  before(async () => (t = await startServer()));
  after(() => t.close());

  it('a direct conversation is created by the first message and reused after', async () => {
    const ann = await t.user('ann');
    const ben = await t.user('ben');
    const first = await ann.send({ to: 'ben', body: 'hello' });
    assert.equal(first.created, true);
    const reply = await ben.send({ to: 'ANN', body: 'hi back' });
    assert.equal(reply.conversationId, first.conversationId);
    const [conv] = await ann.conversations();
    assert.equal(conv!.kind, 'direct');
    assert.equal(conv!.title, null);
    assert.deepEqual(conv!.members.map((m) => m.name).sort(), ['ann', 'ben']);
    assert.equal(conv!.lastMessage?.body, 'hi back');
    assert.equal(conv!.unread, 1);
  });

  it('sending to oneself makes a conversation with one member', async () => {
    const solo = await t.user('solo');
    const m = await solo.send({ to: 'solo', body: 'note to self' });
    const [conv] = await solo.conversations();
    assert.equal(conv!.id, m.conversationId);
    assert.deepEqual(conv!.members.map((x) => x.name), ['solo']);
  });

  it('a repeated clientId stores nothing new and answers the first message', async () => {
    const cat = await t.user('cat');
    await t.user('dan');
    const a = await cat.send({ to: 'dan', body: 'once', clientId: 'c-1' });
    const b = await cat.send({ to: 'dan', body: 'once', clientId: 'c-1' });
    assert.equal(a.created, true);
    assert.equal(b.created, false);
    assert.equal(b.id, a.id);
    const page = await cat.history(a.conversationId);
    assert.equal(page.messages.length, 1);
    // the same clientId from another device of the same account is a different send
    const cat2 = await t.user('cat', 'phone');
    const c = await cat2.send({ to: 'dan', body: 'once', clientId: 'c-1' });
    assert.notEqual(c.id, a.id);
  });

  it('refuses unknown users, unknown conversations and bad input', async () => {
    const eve = await t.user('eve');
    await refused(eve.send({ to: 'nobody-here', body: 'x' }), 404, 'user_not_found');
    await refused(eve.send({ conversationId: 'nope', body: 'x' }), 404, 'conversation_not_found');
    await refused(eve.send({ to: 'eve', body: '' }), 400, 'invalid_request');
    await refused(eve.send({ to: 'eve', body: 'x'.repeat(4097) }), 413, 'payload_too_large');
    const ok = await eve.send({ to: 'eve', body: '😀'.repeat(4096) }); // characters, not bytes
    assert.equal([...ok.body].length, 4096);
    await refused(eve.call({ method: 'POST', path: '/v1/messages', body: { to: 'eve', conversationId: ok.conversationId, body: 'x' }, idempotent: false }), 400, 'invalid_request');
  });

  it('history pages backwards without gaps or repeats, oldest first within a page', async () => {
    const fay = await t.user('fay');
    await t.user('gus');
    const sent: string[] = [];
    for (let i = 0; i < 25; i++) sent.push((await fay.send({ to: 'gus', body: `m${i}` })).id);
    const convId = (await fay.conversations())[0]!.id;
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await fay.history(convId, { before, limit: 10 });
      seen.unshift(...page.messages.map((m) => m.id));
      if (!page.hasMore) break;
      before = page.messages[0]!.id;
    }
    assert.deepEqual(seen, sent);
    await refused(fay.history(convId, { limit: 201 }), 400, 'invalid_request');
    await refused(fay.history(convId, { before: 'not-a-message' }), 404, 'message_not_found');
  });

  it('groups: create, add, remove, leave; only the creator removes others', async () => {
    const hal = await t.user('hal');
    const ivy = await t.user('ivy');
    const jon = await t.user('jon');
    const group = await hal.createGroup('Team', ['ivy']);
    assert.equal(group.kind, 'group');
    assert.equal(group.title, 'Team');
    assert.deepEqual(group.members.map((m) => m.name).sort(), ['hal', 'ivy']);
    const added = await ivy.addMember(group.id, 'jon');
    assert.equal(added.members.length, 3);
    await refused(ivy.removeMember(group.id, hal.userId), 403, 'forbidden');
    await hal.removeMember(group.id, jon.userId);
    await refused(jon.history(group.id), 403, 'not_a_member');
    await ivy.removeMember(group.id, ivy.userId); // leave
    assert.deepEqual((await hal.conversations()).find((c) => c.id === group.id)!.members.map((m) => m.name), ['hal']);
    await refused(hal.createGroup('Ghosts', ['nobody-here']), 404, 'user_not_found');
    await refused(hal.addMember(group.id, 'nobody-here'), 404, 'user_not_found');
  });

  it('a direct conversation cannot gain members', async () => {
    const kim = await t.user('kim');
    await t.user('lou');
    await t.user('max');
    const m = await kim.send({ to: 'lou', body: 'x' });
    await refused(kim.addMember(m.conversationId, 'max'), 403, 'forbidden');
  });

  it('read receipts clear unread and reach the other members as events', async () => {
    const ned = await t.user('ned');
    const oli = await t.user('oli');
    await ned.send({ to: 'oli', body: 'one' });
    const two = await ned.send({ to: 'oli', body: 'two' });
    assert.equal((await oli.conversations())[0]!.unread, 2);
    await oli.markRead(two.conversationId, two.id);
    assert.equal((await oli.conversations())[0]!.unread, 0);
    const events = (await ned.sync()).events;
    const receipt = events.find((e) => e.type === 'receipt');
    assert.ok(receipt && receipt.type === 'receipt');
    assert.equal(receipt.userId, oli.userId);
    assert.equal(receipt.messageId, two.id);
    await refused(oli.markRead(two.conversationId, 'nope'), 404, 'message_not_found');
  });

  it('delete for everyone: sender only; members get message.deleted and the body is gone', async () => {
    const pam = await t.user('pam');
    const quin = await t.user('quin');
    const m = await pam.send({ to: 'quin', body: 'oops' });
    await refused(quin.deleteMessage(m.id), 403, 'forbidden');
    await pam.deleteMessage(m.id);
    assert.equal((await quin.history(m.conversationId)).messages.length, 0);
    const events = (await quin.sync()).events;
    assert.deepEqual(events.map((e) => e.type), ['message.deleted']);
    assert.ok(!JSON.stringify(events).includes('oops'));
    await refused(pam.deleteMessage(m.id), 404, 'message_not_found');
  });

  it('conversations are listed by most recent activity', async () => {
    const ray = await t.user('ray');
    await t.user('sam');
    await t.user('tom');
    await ray.send({ to: 'sam', body: '1' });
    await ray.send({ to: 'tom', body: '2' });
    t.clock.advance(1000);
    await ray.send({ to: 'sam', body: '3' });
    const names = (await ray.conversations()).map((c) => c.members.find((m) => m.name !== 'ray')!.name);
    assert.deepEqual(names, ['sam', 'tom']);
  });
});
