// One contract suite for the Store interface, run on every implementation
// (as Mattermost's storetest does): SQLite now, PostgreSQL when it comes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Store, UserRecord } from '../../src/domain/ports.js';

let n = 0;
const id = () => `id-${process.pid}-${++n}`;
const NOW = Date.parse('2026-11-23T10:00:00.000Z');

function user(name: string): UserRecord {
  return { id: id(), name, email: `${name}@example.com`, passwordHash: 'x', createdAt: NOW };
}

async function rejectsWith(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (e: { code?: string }) => e.code === code);
}

export function storeContract(name: string, open: () => Promise<{ store: Store; close(): Promise<void> }>) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let close: () => Promise<void>;
    before(async () => ({ store, close } = await open()));
    after(() => close());

    const send = (senderId: string, target: { conversationId: string } | { directWithUserId: string }, body: string, clientId: string | null = null, deviceId = 'dev') =>
      store.appendMessage({ id: id(), newConversationId: id(), senderId, deviceId, target, body, clientId, now: NOW, expiresAt: NOW + 1000 });

    it('names and emails are unique ignoring case, also when registrations race', async () => {
      await store.createUser(user('Unique'));
      await rejectsWith(store.createUser({ ...user('unique'), email: 'distinct@example.com' }), 'name_taken');
      await rejectsWith(store.createUser({ ...user('other1'), email: 'UNIQUE@example.com' }), 'email_taken');
      const raced = await Promise.allSettled([store.createUser(user('racer')), store.createUser(user('RACER'))]);
      assert.deepEqual(raced.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      assert.equal((await store.findUserByLogin('unique@EXAMPLE.com'))?.name, 'Unique');
    });

    it('two first messages at once make one direct conversation', async () => {
      const a = user('first-a');
      const b = user('first-b');
      await store.createUser(a);
      await store.createUser(b);
      const [x, y] = await Promise.all([send(a.id, { directWithUserId: b.id }, 'hi'), send(b.id, { directWithUserId: a.id }, 'hey')]);
      assert.equal(x.message.conversationId, y.message.conversationId);
      assert.equal((await store.listConversations(a.id, NOW)).length, 1);
    });

    it('a clientId repeats per device; the events are written once', async () => {
      const a = user('idem-a');
      await store.createUser(a);
      const [one, two] = await Promise.all([send(a.id, { directWithUserId: a.id }, 'x', 'cid'), send(a.id, { directWithUserId: a.id }, 'x', 'cid')]);
      assert.equal(one.message.id, two.message.id);
      assert.deepEqual([one.created, two.created].sort(), [false, true]);
      const page = await store.readEvents({ userId: a.id, after: 0, limit: 100, now: NOW });
      assert.equal(page.events.length, 1);
    });

    it('events come in commit order with increasing positions, one per member', async () => {
      const a = user('order-a');
      const b = user('order-b');
      await store.createUser(a);
      await store.createUser(b);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 ? a.id : b.id, { directWithUserId: i % 2 ? b.id : a.id }, `o${i}`)));
      for (const r of results) assert.deepEqual(r.deliveries.map((d) => d.userId).sort(), [a.id, b.id].sort());
      const page = await store.readEvents({ userId: a.id, after: 0, limit: 100, now: NOW });
      assert.equal(page.events.length, 20);
      const delivered = results.map((r) => r.deliveries.find((d) => d.userId === a.id)!.event);
      assert.deepEqual(page.events, delivered);
    });

    it('membership is checked inside the write', async () => {
      const a = user('mem-a');
      const b = user('mem-b');
      await store.createUser(a);
      await store.createUser(b);
      const gid = id();
      await store.createGroup({ id: gid, title: 'g', creatorId: a.id, memberIds: [a.id], now: NOW });
      await rejectsWith(send(b.id, { conversationId: gid }, 'no'), 'not_a_member');
      await rejectsWith(send(b.id, { conversationId: 'missing' }, 'no'), 'conversation_not_found');
      await rejectsWith(store.markRead({ conversationId: gid, userId: b.id, messageId: 'm', now: NOW }), 'not_a_member');
    });

    it('deleting a user removes its devices, messages and memberships', async () => {
      const a = user('gone-a');
      const b = user('gone-b');
      await store.createUser(a);
      await store.createUser(b);
      await store.createDevice({ id: id(), userId: a.id, name: 'd', createdAt: NOW, lastSeenAt: NOW, tokenHash: `h-${id()}` });
      const m = await send(a.id, { directWithUserId: b.id }, 'bye');
      assert.equal((await store.deleteUser(a.id)).length, 1);
      assert.equal(await store.getUser(a.id), null);
      assert.deepEqual((await store.listMessages({ conversationId: m.message.conversationId, userId: b.id, before: null, limit: 10, now: NOW })).messages, []);
      assert.deepEqual((await store.readEvents({ userId: b.id, after: 0, limit: 10, now: NOW })).events, []);
    });

    it('a legacy device name belongs to one account', async () => {
      const a = user('leg-a');
      const b = user('leg-b');
      await store.createUser(a);
      await store.createUser(b);
      await store.createDevice({ id: id(), userId: a.id, name: 'box', legacyName: 'box', createdAt: NOW, lastSeenAt: NOW, tokenHash: `h-${id()}` });
      await rejectsWith(store.createDevice({ id: id(), userId: b.id, name: 'box', legacyName: 'box', createdAt: NOW, lastSeenAt: NOW, tokenHash: `h-${id()}` }), 'name_taken');
      assert.equal((await store.findLegacyDevice('box'))?.user.id, a.id);
    });

    it('purges only what expired, with the events that pointed at it', async () => {
      const a = user('purge-a');
      await store.createUser(a);
      await send(a.id, { directWithUserId: a.id }, 'p');
      const purged = await store.purgeExpired(NOW + 1000, 10_000);
      assert.ok(purged >= 1);
      assert.equal(await store.purgeExpired(NOW + 1000, 10_000), 0);
      assert.deepEqual((await store.readEvents({ userId: a.id, after: 0, limit: 10, now: NOW })).events, []);
    });
  });
}
