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
      const gone = await store.deleteUser(a.id, NOW);
      assert.equal(gone.deviceIds.length, 1);
      assert.equal(await store.getUser(a.id), null);
      assert.deepEqual((await store.listMessages({ conversationId: m.message.conversationId, userId: b.id, before: null, limit: 10, now: NOW })).messages, []);
      const events = (await store.readEvents({ userId: b.id, after: 0, limit: 10, now: NOW })).events;
      assert.deepEqual(events.map((e) => e.type), ['message.deleted']);
    });

    it('deleting a user tells the other members of each retained message, as deleting the message would', async () => {
      const a = user('wipe-a');
      const b = user('wipe-b');
      const c = user('wipe-c');
      for (const u of [a, b, c]) await store.createUser(u);
      const gid = id();
      await store.createGroup({ id: gid, title: 'g', creatorId: a.id, memberIds: [a.id, b.id, c.id], now: NOW });
      const direct = await send(a.id, { directWithUserId: b.id }, 'direct');
      const group = await send(a.id, { conversationId: gid }, 'group');
      const expired = await store.appendMessage({
        id: id(), newConversationId: id(), senderId: a.id, deviceId: 'dev', target: { directWithUserId: b.id }, body: 'old', clientId: null, now: NOW, expiresAt: NOW + 100,
      });
      const reply = await send(b.id, { directWithUserId: a.id }, 'reply');
      const later = NOW + 500; // the third message has expired, the others are retained

      const { deviceIds, deliveries } = await store.deleteUser(a.id, later);
      assert.deepEqual(deviceIds, []);
      assert.ok(deliveries.every((d) => d.userId !== a.id), 'nothing for the deleted account');
      const deleted = (userId: string) => deliveries.filter((d) => d.userId === userId).map((d) => d.event);
      const expectDeleted = (...ms: { message: { id: string; conversationId: string } }[]) =>
        ms.map((x) => ({ type: 'message.deleted', conversationId: x.message.conversationId, messageId: x.message.id }));
      const withoutCursor = (e: object) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'cursor'));

      // b: a's messages are gone from the feed, one message.deleted each for the two retained ones, none for the expired one
      const bEvents = (await store.readEvents({ userId: b.id, after: 0, limit: 100, now: later })).events;
      assert.deepEqual(bEvents.map((e) => (e.type === 'message' ? e.message.id : e.type)), [reply.message.id, 'message.deleted', 'message.deleted']);
      assert.deepEqual(bEvents.slice(1).map(withoutCursor), expectDeleted(direct, group));
      assert.ok(!bEvents.some((e) => e.type === 'message.deleted' && e.messageId === expired.message.id), 'an expired message gets no event');
      assert.deepEqual(deleted(b.id), bEvents.slice(1), 'what is published is what the feed holds');

      // c: only the group message
      const cEvents = (await store.readEvents({ userId: c.id, after: 0, limit: 100, now: later })).events;
      assert.deepEqual(cEvents.map(withoutCursor), expectDeleted(group));
      assert.deepEqual(deleted(c.id), cEvents);
      assert.equal(deliveries.length, 3);

      assert.deepEqual((await store.listMessages({ conversationId: direct.message.conversationId, userId: b.id, before: null, limit: 10, now: later })).messages.map((x) => x.id), [reply.message.id]);
      assert.deepEqual((await store.memberIdsOf(gid, b.id)).sort(), [b.id, c.id].sort());
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
