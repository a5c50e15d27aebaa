// The store contract, conversations.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../../src/domain/ports/index.js';
import { createUsers, id, NOW, rejectsWith, sender, user, type ContractStore } from './fixture.js';

export function conversationsContract(c: ContractStore) {
  describe('conversations', () => {
    let store: Store;
    before(() => (store = c.store()));
    const send = sender(() => store);

    it('two first messages at once make one direct conversation', async () => {
      const a = user('first-a');
      const b = user('first-b');
      await store.accounts.create(a);
      await store.accounts.create(b);
      const [x, y] = await Promise.all([send(a.id, { directWithUserId: b.id }, 'hi'), send(b.id, { directWithUserId: a.id }, 'hey')]);
      assert.equal(x.message.conversationId, y.message.conversationId);
      assert.equal((await store.conversations.list(a.id, NOW)).length, 1);
    });

    it('membership is checked inside the write', async () => {
      const a = user('mem-a');
      const b = user('mem-b');
      await store.accounts.create(a);
      await store.accounts.create(b);
      const gid = id();
      await store.conversations.createGroup({ id: gid, title: 'g', creatorId: a.id, memberIds: [a.id], now: NOW });
      await rejectsWith(send(b.id, { conversationId: gid }, 'no'), 'not_a_member');
      await rejectsWith(send(b.id, { conversationId: 'missing' }, 'no'), 'conversation_not_found');
      await rejectsWith(store.messages.markRead({ conversationId: gid, userId: b.id, messageId: 'm', now: NOW }), 'not_a_member');
    });

    it('a member sees a group; others are refused', async () => {
      const [a, b, x] = await createUsers(store, 'see-a', 'see-b', 'see-x');
      const gid = id();
      await store.conversations.createGroup({ id: gid, title: 'seen', creatorId: a!.id, memberIds: [a!.id, b!.id], now: NOW });
      const seen = await store.conversations.get(gid, b!.id, NOW);
      assert.equal(seen.kind, 'group');
      assert.equal(seen.title, 'seen');
      assert.deepEqual(seen.members.map((m) => m.name).sort(), ['see-a', 'see-b']);
      assert.equal(seen.lastMessage, null);
      await rejectsWith(store.conversations.get(gid, x!.id, NOW), 'not_a_member');
      await rejectsWith(store.conversations.get('missing', a!.id, NOW), 'conversation_not_found');
      await rejectsWith(store.conversations.memberIds(gid, x!.id), 'not_a_member');
    });

    it('adds members by the policy inside the write: up to the limit, not to a direct conversation, not by outsiders', async () => {
      const [a, b, c, d] = await createUsers(store, 'add-a', 'add-b', 'add-c', 'add-d');
      const gid = id();
      await store.conversations.createGroup({ id: gid, title: 'g', creatorId: a!.id, memberIds: [a!.id, b!.id], now: NOW });
      await store.conversations.addMember({ conversationId: gid, actorId: b!.id, userId: c!.id, now: NOW, maxGroupSize: 3 });
      await rejectsWith(store.conversations.addMember({ conversationId: gid, actorId: a!.id, userId: d!.id, now: NOW, maxGroupSize: 3 }), 'forbidden');
      await store.conversations.addMember({ conversationId: gid, actorId: a!.id, userId: c!.id, now: NOW, maxGroupSize: 3 }); // again: no growth
      await rejectsWith(store.conversations.addMember({ conversationId: gid, actorId: d!.id, userId: d!.id, now: NOW, maxGroupSize: 10 }), 'not_a_member');
      const direct = await send(a!.id, { directWithUserId: b!.id }, 'hi');
      await rejectsWith(store.conversations.addMember({ conversationId: direct.message.conversationId, actorId: a!.id, userId: c!.id, now: NOW, maxGroupSize: 10 }), 'forbidden');
      assert.deepEqual((await store.conversations.memberIds(gid, a!.id)).sort(), [a!.id, b!.id, c!.id].sort());
    });

    it('concurrent adds to a group one short of its limit: exactly one passes the policy', async () => {
      const [a, b, ...others] = await createUsers(store, 'race-a', 'race-b', 'race-c', 'race-d', 'race-e', 'race-f');
      const gid = id();
      await store.conversations.createGroup({ id: gid, title: 'g', creatorId: a!.id, memberIds: [a!.id, b!.id], now: NOW });
      const added = await Promise.allSettled(others.map((u) => store.conversations.addMember({ conversationId: gid, actorId: a!.id, userId: u.id, now: NOW, maxGroupSize: 3 })));
      assert.equal(added.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of added) if (r.status === 'rejected') assert.equal((r.reason as { code?: string }).code, 'forbidden');
      assert.equal((await store.conversations.memberIds(gid, a!.id)).length, 3);
    });

    it('removes members by the policy inside the write: leave, or the creator removes; a direct conversation keeps its two', async () => {
      const [a, b, c] = await createUsers(store, 'rm-a', 'rm-b', 'rm-c');
      const gid = id();
      await store.conversations.createGroup({ id: gid, title: 'g', creatorId: a!.id, memberIds: [a!.id, b!.id, c!.id], now: NOW });
      await rejectsWith(store.conversations.removeMember({ conversationId: gid, actorId: b!.id, userId: c!.id, now: NOW }), 'forbidden');
      await store.conversations.removeMember({ conversationId: gid, actorId: b!.id, userId: b!.id, now: NOW });
      await store.conversations.removeMember({ conversationId: gid, actorId: a!.id, userId: c!.id, now: NOW });
      await rejectsWith(store.conversations.removeMember({ conversationId: gid, actorId: a!.id, userId: c!.id, now: NOW }), 'user_not_found');
      assert.deepEqual(await store.conversations.memberIds(gid, a!.id), [a!.id]);
      assert.deepEqual(await store.conversations.list(b!.id, NOW), [], 'gone from the list of who left');
      const direct = await send(a!.id, { directWithUserId: b!.id }, 'hi');
      await rejectsWith(store.conversations.removeMember({ conversationId: direct.message.conversationId, actorId: a!.id, userId: a!.id, now: NOW }), 'forbidden');
    });

    it('contacts are everyone who shares a conversation with the user', async () => {
      const [a, b, c, x] = await createUsers(store, 'con-a', 'con-b', 'con-c', 'con-x');
      await send(a!.id, { directWithUserId: b!.id }, 'hi');
      await store.conversations.createGroup({ id: id(), title: 'g', creatorId: c!.id, memberIds: [c!.id, a!.id], now: NOW });
      assert.deepEqual((await store.conversations.contactIds(a!.id)).sort(), [b!.id, c!.id].sort());
      assert.deepEqual(await store.conversations.contactIds(b!.id), [a!.id]);
      assert.deepEqual(await store.conversations.contactIds(x!.id), []);
    });

    it('lists conversations, most recent activity first, with last message and unread', async () => {
      const [a, b, c] = await createUsers(store, 'lst-a', 'lst-b', 'lst-c');
      const first = await send(b!.id, { directWithUserId: a!.id }, 'from b');
      const later = { id: id(), newConversationId: id(), senderId: c!.id, deviceId: 'dev', target: { directWithUserId: a!.id }, body: 'from c', clientId: null, now: NOW + 10, expiresAt: null };
      await store.messages.append(later);
      const list = await store.conversations.list(a!.id, NOW + 20);
      assert.deepEqual(list.map((x) => x.lastMessage?.body), ['from c', 'from b']);
      assert.deepEqual(list.map((x) => x.unread), [1, 1]);
      await store.messages.markRead({ conversationId: first.message.conversationId, userId: a!.id, messageId: first.message.id, now: NOW + 20 });
      assert.deepEqual((await store.conversations.list(a!.id, NOW + 20)).map((x) => x.unread), [1, 0]);
    });
  });
}
