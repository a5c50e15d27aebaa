// The store contract, the events of group changes: who gets what, in the
// change's transaction, as the feed reads it back; and their own expiry.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FeedEvent } from '../../../src/contract/index.js';
import type { Delivery, Store } from '../../../src/domain/ports/index.js';
import { createUsers, id, NOW, rejectsWith, sender, type ContractStore } from './fixture.js';

/** Each recipient's event, by user name. */
function byRecipient(deliveries: Delivery[], names: Map<string, string>): Record<string, FeedEvent['type'][]> {
  const out: Record<string, FeedEvent['type'][]> = {};
  for (const d of deliveries) (out[names.get(d.userId)!] ??= []).push(d.event.type as FeedEvent['type']);
  return out;
}

export function groupEventsContract(c: ContractStore) {
  describe('group events', () => {
    let store: Store;
    before(() => (store = c.store()));
    const send = sender(() => store);

    it('create, rename, add, remove and leave each tell the members in the same write; the feed reads the same events back', async () => {
      const users = await createUsers(store, 'ge-a', 'ge-b', 'ge-c', 'ge-d');
      const [a, b, cc, d] = users.map((u) => u.id) as [string, string, string, string];
      const names = new Map(users.map((u) => [u.id, u.name]));
      const gid = id();
      const created = await store.conversations.createGroup({ id: gid, title: 'Picnic', creatorId: a, memberIds: [a, b, cc], now: NOW });
      assert.deepEqual(byRecipient(created, names), { 'ge-a': ['conversation.updated'], 'ge-b': ['conversation.updated'], 'ge-c': ['conversation.updated'] });
      const toB = created.find((x) => x.userId === b)!.event;
      assert.ok(toB.type === 'conversation.updated');
      assert.equal(toB.conversation.id, gid);
      assert.equal(toB.conversation.title, 'Picnic');
      assert.equal(toB.conversation.kind, 'group');
      assert.deepEqual(toB.conversation.members.map((m) => m.name).sort(), ['ge-a', 'ge-b', 'ge-c']);
      assert.equal(toB.conversation.lastMessage, null, 'no message body in a group event');
      assert.equal(toB.conversation.unread, 0);

      // Unread is each member's own: b has one unread from a; a has none.
      await send(a, { conversationId: gid }, 'bread?');
      const renamed = await store.conversations.rename({ conversationId: gid, actorId: b, title: 'Big picnic', now: NOW });
      assert.deepEqual(Object.keys(byRecipient(renamed, names)).sort(), ['ge-a', 'ge-b', 'ge-c']);
      const unread = Object.fromEntries(renamed.map((x) => [names.get(x.userId), x.event.type === 'conversation.updated' ? x.event.conversation.unread : -1]));
      assert.deepEqual(unread, { 'ge-a': 0, 'ge-b': 1, 'ge-c': 1 });
      assert.equal((await store.conversations.get(gid, cc, NOW)).title, 'Big picnic');

      const added = await store.conversations.addMember({ conversationId: gid, actorId: cc, userId: d, now: NOW, maxGroupSize: 10 });
      assert.deepEqual(Object.keys(byRecipient(added, names)).sort(), ['ge-a', 'ge-b', 'ge-c', 'ge-d'], 'the new member included');
      const toD = added.find((x) => x.userId === d)!.event;
      assert.ok(toD.type === 'conversation.updated');
      assert.equal(toD.conversation.unread, 0, 'a newcomer starts with the earlier messages read');
      assert.deepEqual(await store.conversations.addMember({ conversationId: gid, actorId: a, userId: d, now: NOW, maxGroupSize: 10 }), [], 'adding again tells no one');

      const removed = await store.conversations.removeMember({ conversationId: gid, actorId: a, userId: cc, now: NOW });
      assert.deepEqual(byRecipient(removed, names), {
        'ge-a': ['conversation.updated'], 'ge-b': ['conversation.updated'], 'ge-c': ['conversation.removed'], 'ge-d': ['conversation.updated'],
      });
      const left = await store.conversations.removeMember({ conversationId: gid, actorId: b, userId: b, now: NOW });
      assert.deepEqual(byRecipient(left, names), { 'ge-a': ['conversation.updated'], 'ge-b': ['conversation.removed'], 'ge-d': ['conversation.updated'] });
      const last = left.find((x) => x.userId === a)!.event;
      assert.ok(last.type === 'conversation.updated');
      assert.deepEqual(last.conversation.members.map((m) => m.name).sort(), ['ge-a', 'ge-d']);

      // The feed holds what the writes returned, at the positions they returned, in order.
      for (const [userId, name] of names) {
        const mine = [...created, ...renamed, ...added, ...removed, ...left].filter((x) => x.userId === userId).map((x) => x.event);
        const page = await store.feed.read({ userId, after: 0, limit: 100, now: NOW });
        const groupEvents = page.events.filter((e) => e.type.startsWith('conversation.'));
        assert.deepEqual(groupEvents, mine, `${name}'s feed`);
      }
    });

    it('rename is decided by the policy inside the write: members only, groups only', async () => {
      const [a, b, x] = (await createUsers(store, 'gr-a', 'gr-b', 'gr-x')).map((u) => u.id) as [string, string, string];
      const gid = id();
      await store.conversations.createGroup({ id: gid, title: 't', creatorId: a, memberIds: [a, b], now: NOW });
      await rejectsWith(store.conversations.rename({ conversationId: gid, actorId: x, title: 'no', now: NOW }), 'not_a_member');
      await rejectsWith(store.conversations.rename({ conversationId: 'missing', actorId: a, title: 'no', now: NOW }), 'conversation_not_found');
      const direct = await send(a, { directWithUserId: b }, 'hi');
      await rejectsWith(store.conversations.rename({ conversationId: direct.message.conversationId, actorId: a, title: 'no', now: NOW }), 'forbidden');
      assert.equal((await store.conversations.get(gid, a, NOW)).title, 't');
      assert.equal((await store.feed.head(x)), 0, 'a refused change writes no event');
    });

    it('group events leave the feed at their own expiry: hidden from then on, and purged', async () => {
      const [a, b] = (await createUsers(store, 'gx-a', 'gx-b')).map((u) => u.id) as [string, string];
      const kept = id();
      const expiring = id();
      await store.conversations.createGroup({ id: kept, title: 'kept', creatorId: a, memberIds: [a, b], now: NOW });
      await store.conversations.createGroup({ id: expiring, title: 'expiring', creatorId: a, memberIds: [a, b], now: NOW, eventsExpireAt: NOW + 500 });
      const titles = async (now: number) =>
        (await store.feed.read({ userId: b, after: 0, limit: 100, now })).events.map((e) => (e.type === 'conversation.updated' ? e.conversation.title : e.type));
      assert.deepEqual(await titles(NOW + 499), ['kept', 'expiring']);
      assert.deepEqual(await titles(NOW + 500), ['kept']);
      assert.ok((await store.retention.purgeExpiredEvents(NOW + 500, 10_000)) >= 2, 'one row for each member');
      assert.equal(await store.retention.purgeExpiredEvents(NOW + 500, 10_000), 0);
      assert.deepEqual(await titles(NOW), ['kept'], 'gone for good, not hidden');
      assert.equal(await store.feed.head(b), 2, 'the positions given out stay given');
    });
  });
}
