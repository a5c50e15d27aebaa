// The store contract, messages, the feed and retention.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCursor } from '../../../src/domain/cursor.js';
import type { Store } from '../../../src/domain/ports/index.js';
import { createUsers, id, NOW, rejectsWith, sender, user, type ContractStore } from './fixture.js';

export function messagesContract(c: ContractStore) {
  describe('messages, the feed and retention', () => {
    let store: Store;
    before(() => (store = c.store()));
    const send = sender(() => store);

    it('a clientId repeats per device; the events are written once', async () => {
      const a = user('idem-a');
      await store.accounts.create(a);
      const [one, two] = await Promise.all([send(a.id, { directWithUserId: a.id }, 'x', 'cid'), send(a.id, { directWithUserId: a.id }, 'x', 'cid')]);
      assert.equal(one.message.id, two.message.id);
      assert.deepEqual([one.created, two.created].sort(), [false, true]);
      const page = await store.feed.read({ userId: a.id, after: 0, limit: 100, now: NOW });
      assert.equal(page.events.length, 1);
    });

    it('events come in commit order with increasing positions, one per member', async () => {
      const a = user('order-a');
      const b = user('order-b');
      await store.accounts.create(a);
      await store.accounts.create(b);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 ? a.id : b.id, { directWithUserId: i % 2 ? b.id : a.id }, `o${i}`)));
      for (const r of results) assert.deepEqual(r.deliveries.map((d) => d.userId).sort(), [a.id, b.id].sort());
      const page = await store.feed.read({ userId: a.id, after: 0, limit: 100, now: NOW });
      assert.equal(page.events.length, 20);
      // Commit order is call order on a single writer (SQLite), any order with a pool of
      // connections (PostgreSQL): the feed holds what each write published, by position.
      const delivered = results.map((r) => r.deliveries.find((d) => d.userId === a.id)!.event);
      assert.deepEqual(page.events, [...delivered].sort((x, y) => decodeCursor(x.cursor) - decodeCursor(y.cursor)));
      assert.deepEqual(page.events.map((e) => decodeCursor(e.cursor)), page.events.map((_, i) => i + 1));
    });

    it("each account's events are numbered 1, 2, 3, ... in commit order, also when concurrent writes reach many accounts", async () => {
      const members = Array.from({ length: 6 }, (_, i) => user(`pos-${i}`));
      for (const u of members) await store.accounts.create(u);
      const gid = id();
      const created = await store.conversations.createGroup({ id: gid, title: 'g', creatorId: members[0]!.id, memberIds: members.map((u) => u.id), now: NOW });
      const sent = await Promise.all(members.flatMap((u) => [send(u.id, { conversationId: gid }, 'x'), send(u.id, { directWithUserId: members[0]!.id }, 'y')]));
      for (const u of members) {
        const page = await store.feed.read({ userId: u.id, after: 0, limit: 100, now: NOW });
        const positions = page.events.map((e) => decodeCursor(e.cursor));
        assert.deepEqual(positions, positions.map((_, i) => i + 1), 'contiguous from 1');
        assert.equal(await store.feed.head(u.id), positions.length);
        const published = [...created, ...sent.flatMap((r) => r.deliveries)].filter((d) => d.userId === u.id).map((d) => d.event);
        assert.deepEqual([...published].sort((x, y) => decodeCursor(x.cursor) - decodeCursor(y.cursor)), page.events, 'what is published is what the feed holds');
      }
      const first = members[0]!.id;
      const between = await store.feed.read({ userId: first, after: 2, before: 5, limit: 100, now: NOW });
      assert.deepEqual(between.events.map((e) => decodeCursor(e.cursor)), [3, 4], 'the events between two positions: a gap to fill');
      assert.equal(between.last, 4);
      assert.equal(await store.feed.head('nobody'), 0);
    });

    it('purges only what expired, with the events that pointed at it', async () => {
      const a = user('purge-a');
      await store.accounts.create(a);
      await send(a.id, { directWithUserId: a.id }, 'p');
      const purged = await store.retention.purgeExpired(NOW + 1000, 10_000);
      assert.ok(purged >= 1);
      assert.equal(await store.retention.purgeExpired(NOW + 1000, 10_000), 0);
      assert.deepEqual((await store.feed.read({ userId: a.id, after: 0, limit: 10, now: NOW })).events, []);
    });

    it('history pages back from a message, oldest first within the page, hiding what expired', async () => {
      const [a, b, x] = await createUsers(store, 'his-a', 'his-b', 'his-x');
      const sent = [];
      for (let i = 0; i < 5; i++) sent.push(await send(a!.id, { directWithUserId: b!.id }, `h${i}`));
      const conversationId = sent[0]!.message.conversationId;
      const page = await store.messages.history({ conversationId, userId: b!.id, before: sent[4]!.message.id, limit: 2, now: NOW });
      assert.deepEqual(page.messages.map((m) => m.body), ['h2', 'h3']);
      assert.equal(page.hasMore, true);
      const all = await store.messages.history({ conversationId, userId: b!.id, before: null, limit: 10, now: NOW });
      assert.deepEqual(all.messages, sent.map((s) => s.message));
      assert.equal(all.hasMore, false);
      assert.deepEqual((await store.messages.history({ conversationId, userId: b!.id, before: null, limit: 10, now: NOW + 1000 })).messages, [], 'expired');
      await rejectsWith(store.messages.history({ conversationId, userId: b!.id, before: 'missing', limit: 10, now: NOW }), 'message_not_found');
      await rejectsWith(store.messages.history({ conversationId, userId: x!.id, before: null, limit: 10, now: NOW }), 'not_a_member');
    });

    it('a receipt moves the read mark and tells every member', async () => {
      const [a, b] = await createUsers(store, 'rcp-a', 'rcp-b');
      const m = await send(a!.id, { directWithUserId: b!.id }, 'read me');
      const conversationId = m.message.conversationId;
      const deliveries = await store.messages.markRead({ conversationId, userId: b!.id, messageId: m.message.id, now: NOW });
      assert.deepEqual(deliveries.map((d) => d.userId).sort(), [a!.id, b!.id].sort());
      for (const d of deliveries) assert.deepEqual({ ...d.event, cursor: '' }, { type: 'receipt', cursor: '', conversationId, userId: b!.id, messageId: m.message.id });
      await rejectsWith(store.messages.markRead({ conversationId, userId: b!.id, messageId: 'missing', now: NOW }), 'message_not_found');
    });

    it('only the sender deletes a message; its message events go, every member gets message.deleted', async () => {
      const [a, b] = await createUsers(store, 'dm-a', 'dm-b');
      const m = await send(a!.id, { directWithUserId: b!.id }, 'delete me');
      const conversationId = m.message.conversationId;
      await rejectsWith(store.messages.delete({ messageId: m.message.id, userId: b!.id, now: NOW }), 'forbidden');
      const deliveries = await store.messages.delete({ messageId: m.message.id, userId: a!.id, now: NOW });
      assert.deepEqual(deliveries.map((d) => d.userId).sort(), [a!.id, b!.id].sort());
      const feed = await store.feed.read({ userId: b!.id, after: 0, limit: 10, now: NOW });
      assert.deepEqual(feed.events, deliveries.filter((d) => d.userId === b!.id).map((d) => d.event));
      assert.deepEqual(feed.events.map((e) => e.type === 'message.deleted' && e.conversationId === conversationId && e.messageId), [m.message.id]);
      await rejectsWith(store.messages.delete({ messageId: m.message.id, userId: a!.id, now: NOW }), 'message_not_found');
    });

    it("the seed's inbox: what others sent the user and the user's notes to self, oldest first, retained only", async () => {
      const [a, b, c] = await createUsers(store, 'inb-a', 'inb-b', 'inb-c');
      await send(b!.id, { directWithUserId: a!.id }, 'from b');
      await send(a!.id, { directWithUserId: b!.id }, 'to b');
      await send(a!.id, { directWithUserId: a!.id }, 'note');
      await send(c!.id, { directWithUserId: a!.id }, 'from c');
      const inbox = await store.messages.legacyInbox(a!.id, NOW);
      assert.deepEqual(inbox.map((i) => [i.senderName, i.body, i.createdAt]), [['inb-b', 'from b', NOW], ['inb-a', 'note', NOW], ['inb-c', 'from c', NOW]]);
      assert.deepEqual(await store.messages.legacyInbox(a!.id, NOW + 1000), []);
    });
  });
}
