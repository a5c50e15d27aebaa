// The store contract, accounts and devices.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../../src/domain/ports/index.js';
import { createUsers, id, NOW, rejectsWith, sender, user, type ContractStore } from './fixture.js';

export function accountsContract(c: ContractStore) {
  describe('accounts and devices', () => {
    let store: Store;
    before(() => (store = c.store()));
    const send = sender(() => store);

    it('names and emails are unique ignoring case, also when registrations race', async () => {
      await store.accounts.create(user('Unique'));
      await rejectsWith(store.accounts.create({ ...user('unique'), email: 'distinct@example.com' }), 'name_taken');
      await rejectsWith(store.accounts.create({ ...user('other1'), email: 'UNIQUE@example.com' }), 'email_taken');
      const raced = await Promise.allSettled([store.accounts.create(user('racer')), store.accounts.create(user('RACER'))]);
      assert.deepEqual(raced.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      assert.equal((await store.accounts.findByLogin('unique@EXAMPLE.com'))?.name, 'Unique');
    });

    it('deleting a user removes its devices, messages and memberships', async () => {
      const a = user('gone-a');
      const b = user('gone-b');
      await store.accounts.create(a);
      await store.accounts.create(b);
      await store.devices.create({ id: id(), userId: a.id, name: 'd', createdAt: NOW, lastSeenAt: NOW, tokenHash: `h-${id()}` });
      const m = await send(a.id, { directWithUserId: b.id }, 'bye');
      const gone = await store.accounts.delete(a.id, NOW);
      assert.equal(gone.deviceIds.length, 1);
      assert.equal(await store.accounts.get(a.id), null);
      assert.deepEqual((await store.messages.history({ conversationId: m.message.conversationId, userId: b.id, before: null, limit: 10, now: NOW })).messages, []);
      const events = (await store.feed.read({ userId: b.id, after: 0, limit: 10, now: NOW })).events;
      assert.deepEqual(events.map((e) => e.type), ['message.deleted']);
    });

    it('deleting a user tells the other members of each retained message, as deleting the message would', async () => {
      const a = user('wipe-a');
      const b = user('wipe-b');
      const c = user('wipe-c');
      for (const u of [a, b, c]) await store.accounts.create(u);
      const gid = id();
      await store.conversations.createGroup({ id: gid, title: 'g', creatorId: a.id, memberIds: [a.id, b.id, c.id], now: NOW });
      const direct = await send(a.id, { directWithUserId: b.id }, 'direct');
      const group = await send(a.id, { conversationId: gid }, 'group');
      const expired = await store.messages.append({
        id: id(), newConversationId: id(), senderId: a.id, deviceId: 'dev', target: { directWithUserId: b.id }, body: 'old', clientId: null, now: NOW, expiresAt: NOW + 100,
      });
      const reply = await send(b.id, { directWithUserId: a.id }, 'reply');
      const later = NOW + 500; // the third message has expired, the others are retained

      const { deviceIds, deliveries } = await store.accounts.delete(a.id, later);
      assert.deepEqual(deviceIds, []);
      assert.ok(deliveries.every((d) => d.userId !== a.id), 'nothing for the deleted account');
      const deleted = (userId: string) => deliveries.filter((d) => d.userId === userId && d.event.type === 'message.deleted').map((d) => d.event);
      const expectDeleted = (...ms: { message: { id: string; conversationId: string } }[]) =>
        ms.map((x) => ({ type: 'message.deleted', conversationId: x.message.conversationId, messageId: x.message.id }));
      const withoutCursor = (e: object) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'cursor'));

      // b: a's messages are gone from the feed, one message.deleted each for the two retained ones, none for the expired one
      const messageEvents = async (userId: string) =>
        (await store.feed.read({ userId, after: 0, limit: 100, now: later })).events.filter((e) => !e.type.startsWith('conversation.'));
      const bEvents = await messageEvents(b.id);
      assert.deepEqual(bEvents.map((e) => (e.type === 'message' ? e.message.id : e.type)), [reply.message.id, 'message.deleted', 'message.deleted']);
      assert.deepEqual(bEvents.slice(1).map(withoutCursor), expectDeleted(direct, group));
      assert.ok(!bEvents.some((e) => e.type === 'message.deleted' && e.messageId === expired.message.id), 'an expired message gets no event');
      assert.deepEqual(deleted(b.id), bEvents.slice(1), 'what is published is what the feed holds');

      // c: only the group message
      const cEvents = await messageEvents(c.id);
      assert.deepEqual(cEvents.map(withoutCursor), expectDeleted(group));
      assert.deepEqual(deleted(c.id), cEvents);

      // b and c: the group lost a member, told after its messages went
      const groupNews = deliveries.filter((d) => d.event.type === 'conversation.updated');
      assert.deepEqual(groupNews.map((d) => d.userId).sort(), [b.id, c.id].sort());
      for (const d of groupNews) {
        assert.ok(d.event.type === 'conversation.updated');
        assert.deepEqual(d.event.conversation.members.map((m) => m.name).sort(), ['wipe-b', 'wipe-c']);
        const feed = (await store.feed.read({ userId: d.userId, after: 0, limit: 100, now: later })).events;
        assert.deepEqual(feed.at(-1), d.event, 'the last event of the feed');
      }
      assert.equal(deliveries.length, 5);

      assert.deepEqual((await store.messages.history({ conversationId: direct.message.conversationId, userId: b.id, before: null, limit: 10, now: later })).messages.map((x) => x.id), [reply.message.id]);
      assert.deepEqual((await store.conversations.memberIds(gid, b.id)).sort(), [b.id, c.id].sort());
    });

    it('a legacy device name belongs to one account', async () => {
      const a = user('leg-a');
      const b = user('leg-b');
      await store.accounts.create(a);
      await store.accounts.create(b);
      await store.devices.create({ id: id(), userId: a.id, name: 'box', legacyName: 'box', createdAt: NOW, lastSeenAt: NOW, tokenHash: `h-${id()}` });
      await rejectsWith(store.devices.create({ id: id(), userId: b.id, name: 'box', legacyName: 'box', createdAt: NOW, lastSeenAt: NOW, tokenHash: `h-${id()}` }), 'name_taken');
      assert.equal((await store.devices.findLegacy('box'))?.user.id, a.id);
    });

    it('finds a user by id, by name and by login, ignoring case; null when none', async () => {
      const [a] = await createUsers(store, 'Finder');
      assert.deepEqual(await store.accounts.get(a!.id), a);
      assert.deepEqual(await store.accounts.findByName('FINDER'), a);
      assert.deepEqual(await store.accounts.findByLogin('finder'), a);
      assert.deepEqual(await store.accounts.findByLogin('Finder@Example.com'), a);
      assert.equal(await store.accounts.get('nobody'), null);
      assert.equal(await store.accounts.findByName('nobody'), null);
      assert.equal(await store.accounts.findByLogin('nobody@example.com'), null);
    });

    it('searches names containing the query, the exact match first, then the shortest; wildcards are literal', async () => {
      await createUsers(store, 'srch', 'srch_long', 'xsrchx', 'sr_ch');
      const names = async (q: string, limit = 10) => (await store.accounts.search(q, limit)).map((u) => u.name);
      assert.deepEqual(await names('SRCH'), ['srch', 'xsrchx', 'srch_long']);
      assert.deepEqual(await names('srch', 2), ['srch', 'xsrchx']);
      assert.deepEqual(await names('r_c'), ['sr_ch'], '_ is not a wildcard');
      assert.deepEqual(await names('%'), []);
      const [found] = await store.accounts.search('srch', 1);
      assert.deepEqual(Object.keys(found!).sort(), ['createdAt', 'id', 'name'], 'no email of others');
    });

    it('updates email (unique ignoring case) and password hash', async () => {
      const [a, b] = await createUsers(store, 'upd-a', 'upd-b');
      await store.accounts.update(a!.id, { email: 'new-a@example.com', passwordHash: 'y' });
      assert.deepEqual(await store.accounts.get(a!.id), { ...a!, email: 'new-a@example.com', passwordHash: 'y' });
      assert.equal((await store.accounts.findByLogin('NEW-A@example.com'))?.id, a!.id);
      await rejectsWith(store.accounts.update(b!.id, { email: 'New-A@example.com' }), 'email_taken');
    });

    it('a device opens a session by its token hash; touch, list, rename', async () => {
      const [a, b] = await createUsers(store, 'dev-a', 'dev-b');
      const d1 = { id: id(), userId: a!.id, name: 'one', createdAt: NOW, lastSeenAt: NOW };
      const d2 = { id: id(), userId: a!.id, name: 'two', createdAt: NOW + 1, lastSeenAt: NOW + 1 };
      await store.devices.create({ ...d1, tokenHash: `h-${d1.id}` });
      await store.devices.create({ ...d2, tokenHash: `h-${d2.id}` });
      assert.deepEqual(await store.devices.findSession(`h-${d1.id}`), { user: a, device: d1 });
      assert.equal(await store.devices.findSession('h-unknown'), null);
      await store.devices.touch(d1.id, NOW + 5000);
      assert.deepEqual(await store.devices.list(a!.id), [{ ...d1, lastSeenAt: NOW + 5000 }, d2], 'oldest first');
      assert.deepEqual(await store.devices.rename(a!.id, d2.id, 'renamed'), { ...d2, name: 'renamed' });
      assert.equal(await store.devices.rename(b!.id, d2.id, 'stolen'), null, "not another user's device");
      assert.deepEqual(await store.devices.list(b!.id), []);
    });

    it("deletes one device or every other one, and only the user's own", async () => {
      const [a, b] = await createUsers(store, 'del-a', 'del-b');
      const ids = [id(), id(), id()];
      for (const [i, d] of ids.entries()) await store.devices.create({ id: d, userId: a!.id, name: `d${i}`, createdAt: NOW + i, lastSeenAt: NOW, tokenHash: `h-${d}` });
      assert.equal(await store.devices.delete(b!.id, ids[0]!), false);
      assert.equal(await store.devices.delete(a!.id, ids[0]!), true);
      assert.equal(await store.devices.delete(a!.id, ids[0]!), false, 'gone already');
      assert.equal(await store.devices.findSession(`h-${ids[0]}`), null, 'its token no longer opens a session');
      assert.deepEqual(await store.devices.deleteOthers(a!.id, ids[2]!), [ids[1]]);
      assert.deepEqual((await store.devices.list(a!.id)).map((d) => d.id), [ids[2]]);
    });
  });
}
