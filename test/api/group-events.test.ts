// Renaming groups, and the feed events of group changes (conversation.updated,
// conversation.removed) on real streams and in sync, against the real server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamEvent } from '../../src/contract/index.js';
import { PASSWORD, raw, startServer, type TestServer } from '../helpers/server.js';
import { refused } from '../helpers/refused.js';
import { isType, openStream } from '../helpers/stream.js';

const names = (e: StreamEvent) => (e.type === 'conversation.updated' ? e.conversation.members.map((m) => m.name).sort() : []);

describe('group events', () => {
  let t: TestServer;
  before(async () => (t = await startServer({ messageTtlMs: 3_600_000 })));
  after(() => t.close());

  it('any member renames a group; not a direct conversation, not an outsider, not an empty title', async () => {
    const owner = await t.user('rn-owner');
    const member = await t.user('rn-member');
    const outsider = await t.user('rn-outsider');
    const group = await owner.createGroup('Before', ['rn-member']);
    const renamed = await member.renameGroup(group.id, 'After');
    assert.equal(renamed.title, 'After');
    assert.equal(renamed.id, group.id);
    assert.equal((await owner.conversations()).find((c) => c.id === group.id)?.title, 'After');
    const direct = await owner.send({ to: 'rn-member', body: 'hi' });
    await refused(owner.renameGroup(direct.conversationId, 'No'), 403, 'forbidden');
    await refused(outsider.renameGroup(group.id, 'Mine'), 403, 'not_a_member');
    await refused(owner.renameGroup('no-such-conversation', 'x'), 404, 'conversation_not_found');
    for (const title of ['', 'x'.repeat(129)]) {
      const answer = await raw(t.url, `/v1/conversations/${group.id}`, {
        method: 'PATCH', token: owner.token!, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }),
      });
      assert.equal(answer.status, 400);
      assert.equal((answer.body as { error: { code: string } }).error.code, 'invalid_request');
    }
    assert.equal((await member.conversations()).find((c) => c.id === group.id)?.title, 'After', 'refusals changed nothing');
  });

  it('a new group reaches its members live and in sync before anyone writes in it; renames, additions and removals too', async () => {
    const ann = await t.user('ge-ann');
    const ben = await t.user('ge-ben');
    const cat = await t.user('ge-cat');
    const benStream = openStream(t.url, { token: ben.token! });
    const catStream = openStream(t.url, { token: cat.token! });
    await Promise.all([benStream.next(isType('ready')), catStream.next(isType('ready'))]);

    const group = await ann.createGroup('Picnic', ['ge-ben']);
    const created = await benStream.next(isType('conversation.updated'));
    assert.ok(created.type === 'conversation.updated');
    assert.equal(created.conversation.id, group.id);
    assert.equal(created.conversation.title, 'Picnic');
    assert.deepEqual(names(created), ['ge-ann', 'ge-ben']);
    assert.equal(created.conversation.lastMessage, null);

    await ann.renameGroup(group.id, 'Big picnic');
    const renamed = await benStream.next(isType('conversation.updated'));
    assert.ok(renamed.type === 'conversation.updated' && renamed.conversation.title === 'Big picnic');

    await ben.addMember(group.id, 'ge-cat');
    const joined = await catStream.next(isType('conversation.updated'));
    assert.ok(joined.type === 'conversation.updated' && joined.conversation.id === group.id, 'the new member is told');
    assert.deepEqual(names(joined), ['ge-ann', 'ge-ben', 'ge-cat']);
    assert.deepEqual(names(await benStream.next(isType('conversation.updated'))), ['ge-ann', 'ge-ben', 'ge-cat']);

    await ann.removeMember(group.id, cat.userId);
    const gone = await catStream.next(isType('conversation.removed'));
    assert.ok(gone.type === 'conversation.removed' && gone.conversationId === group.id);
    assert.deepEqual(names(await benStream.next(isType('conversation.updated'))), ['ge-ann', 'ge-ben']);

    await ben.removeMember(group.id, ben.userId); // leaves
    assert.equal((await benStream.next(isType('conversation.removed'))).type, 'conversation.removed');

    // Sync holds the same events, with the same cursors, in the same order.
    const synced = (await ben.sync()).events.filter((e) => e.type.startsWith('conversation.'));
    assert.deepEqual(synced.map((e) => e.type), ['conversation.updated', 'conversation.updated', 'conversation.updated', 'conversation.updated', 'conversation.removed']);
    assert.equal(synced[0]!.cursor, created.cursor);
    assert.equal(synced[1]!.cursor, renamed.cursor);
    const catSynced = (await cat.sync()).events.map((e) => e.type);
    assert.deepEqual(catSynced, ['conversation.updated', 'conversation.removed']);
    benStream.close();
    catStream.close();
  });

  it('a stream resumed from a cursor gets the group events it missed', async () => {
    const dan = await t.user('gr-dan');
    const eve = await t.user('gr-eve');
    const first = openStream(t.url, { token: eve.token! });
    const ready = await first.next(isType('ready'));
    first.close();
    const group = await dan.createGroup('While away', ['gr-eve']);
    await dan.renameGroup(group.id, 'Still away');
    const resumed = openStream(t.url, { token: eve.token!, since: ready.type === 'ready' ? ready.cursor : undefined });
    await resumed.next(isType('ready'));
    const titles = [];
    for (let i = 0; i < 2; i++) {
      const e = await resumed.next(isType('conversation.updated'));
      titles.push(e.type === 'conversation.updated' ? e.conversation.title : null);
    }
    assert.deepEqual(titles, ['While away', 'Still away']);
    resumed.close();
  });

  it('a deleted account leaves its groups: the other members are told', async () => {
    const fay = await t.user('gd-fay');
    const gus = await t.user('gd-gus');
    const group = await fay.createGroup('Soon smaller', ['gd-gus']);
    const s = openStream(t.url, { token: gus.token! });
    await s.next(isType('ready'));
    await fay.deleteAccount(PASSWORD);
    const e = await s.next(isType('conversation.updated'));
    assert.ok(e.type === 'conversation.updated' && e.conversation.id === group.id);
    assert.deepEqual(names(e), ['gd-gus']);
    s.close();
  });

  it('group events leave sync with the message TTL, and the purge deletes them', async () => {
    const hal = await t.user('gt-hal');
    const ivy = await t.user('gt-ivy');
    await hal.createGroup('Brief', ['gt-ivy']);
    const before = (await ivy.sync()).events.filter((e) => e.type === 'conversation.updated');
    assert.equal(before.length, 1);
    t.clock.advance(3_600_000);
    assert.deepEqual((await ivy.sync()).events.filter((e) => e.type === 'conversation.updated'), [], 'hidden once expired');
    await t.server.retention.purgeNow();
    const left = await t.server.store.feed.read({ userId: ivy.userId, after: 0, limit: 100, now: 0 });
    assert.deepEqual(left.events.filter((e) => e.type === 'conversation.updated'), [], 'purged, not only hidden');
  });
});
