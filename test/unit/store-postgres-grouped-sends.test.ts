// Grouped sends on PostgreSQL: sends that wait for the same conversation share
// one transaction. Checked on a real server: every send is committed once and
// numbered in order, fewer transactions than sends, and one bad send in a
// group fails alone - a refusal by the policy and a statement PostgreSQL
// rejects alike.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { decodeCursor } from '../../src/domain/cursor.js';
import type { Store } from '../../src/domain/ports/index.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { sharedPostgres } from '../helpers/postgres-server.js';
import { createUsers, id, NOW, sender } from '../helpers/store-contract/fixture.js';

describe('PostgreSQL: grouped sends', () => {
  let store: Store;
  const commits: number[] = [];
  before(async () => {
    const server = await sharedPostgres();
    store = await openPostgresStore(await server.createDatabase(), { poolSize: 10, onCommit: (_seconds, writes) => commits.push(writes) });
  });
  after(() => store.close());

  const send = (senderId: string, conversationId: string, body: string) => sender(() => store)(senderId, { conversationId }, body, null, `dev-${senderId}`);

  async function group(...names: string[]) {
    const users = await createUsers(store, ...names);
    const conversationId = id();
    await store.conversations.createGroup({ id: conversationId, title: 'G', creatorId: users[0]!.id, memberIds: users.map((u) => u.id), now: NOW });
    return { users, conversationId };
  }

  const messagePositions = async (userId: string) =>
    (await store.feed.read({ userId, after: 0, limit: 1000, now: NOW })).events.filter((e) => e.type === 'message');

  it('concurrent sends to one conversation commit in fewer transactions, each once, numbered in order in every feed', async () => {
    const { users, conversationId } = await group('gs-a1', 'gs-a2', 'gs-a3');
    commits.length = 0;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => send(users[i % 3]!.id, conversationId, `m${i}`)));
    assert.ok(results.every((r) => r.created));
    assert.equal(commits.reduce((a, b) => a + b, 0), 40, 'the commits carried the 40 sends');
    assert.ok(commits.length < 40, `grouped: ${commits.length} transactions for 40 sends (${commits.join(' ')})`);
    assert.ok(commits[0] === 1, 'the first send found nothing running and went alone, at once');
    const page = await store.messages.history({ conversationId, userId: users[0]!.id, before: null, limit: 100, now: NOW });
    assert.deepEqual(page.messages.map((m) => m.body).sort(), results.map((r) => r.message.body).sort(), 'each send stored once');
    const seqOrder = page.messages.map((m) => m.id);
    for (const u of users) {
      const issued = results.filter((r) => r.message.sender.id === u.id).map((r) => r.message.id);
      assert.deepEqual(seqOrder.filter((mid) => issued.includes(mid)), issued, 'one device\'s sends stored in the order it made them');
    }
    for (const u of users) {
      const events = await messagePositions(u.id);
      assert.deepEqual(events.map((e) => (e.type === 'message' ? e.message.id : '')), seqOrder, 'each feed has the messages in their conversation order');
      const positions = events.map((e) => decodeCursor(e.cursor));
      assert.ok(positions.every((p, i) => i === 0 || p === positions[i - 1]! + 1), `contiguous positions for ${u.name}: ${positions.join(' ')}`);
    }
  });

  it('a send the policy refuses fails alone; the others of its group commit', async () => {
    const { users, conversationId } = await group('gs-b1', 'gs-b2');
    const [stranger] = await createUsers(store, 'gs-b-stranger');
    commits.length = 0;
    const sends = Array.from({ length: 12 }, (_, i) => (i === 6 ? send(stranger!.id, conversationId, 'not mine') : send(users[i % 2]!.id, conversationId, `ok${i}`)));
    const settled = await Promise.allSettled(sends);
    assert.equal((settled[6] as PromiseRejectedResult).reason.code, 'not_a_member');
    assert.equal(settled.filter((s) => s.status === 'fulfilled').length, 11);
    assert.ok(commits.some((w) => w > 1), `the group shared a transaction (${commits.join(' ')})`);
    const page = await store.messages.history({ conversationId, userId: users[0]!.id, before: null, limit: 100, now: NOW });
    assert.equal(page.messages.length, 11);
  });

  it('a send PostgreSQL rejects (a NUL in its text) ends its group\'s transaction: the others are committed one by one, and only it fails', async () => {
    const { users, conversationId } = await group('gs-c1', 'gs-c2');
    const sends = Array.from({ length: 12 }, (_, i) => send(users[i % 2]!.id, conversationId, i === 5 ? 'bad\u0000text' : `ok${i}`));
    const settled = await Promise.allSettled(sends);
    assert.equal(settled[5]!.status, 'rejected');
    assert.deepEqual(settled.map((s, i) => (i === 5 ? 'x' : s.status)), settled.map((_, i) => (i === 5 ? 'x' : 'fulfilled')));
    const page = await store.messages.history({ conversationId, userId: users[1]!.id, before: null, limit: 100, now: NOW });
    assert.deepEqual(page.messages.map((m) => m.body).sort(), Array.from({ length: 12 }, (_, i) => `ok${i}`).filter((b) => b !== 'ok5').sort());
    const positions = (await messagePositions(users[1]!.id)).map((e) => decodeCursor(e.cursor));
    assert.ok(positions.every((p, i) => i === 0 || p === positions[i - 1]! + 1), 'no hole left by the rolled-back group');
  });

  it('a group whose COMMIT answer is lost fails every send of it as unavailable, and none is stored twice', async () => {
    // Between the store and PostgreSQL: the COMMITs pass, and at the second one (the group's)
    // the connection is cut as PostgreSQL answers, so the group committed and nobody heard.
    const server = await sharedPostgres();
    const url = new URL(await server.createDatabase());
    let commits = 0;
    const sockets = new Set<Socket>();
    const proxy = createServer((client) => {
      const upstream = connect(Number(url.port), url.hostname);
      let cut = false;
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => (client.destroy(), upstream.destroy()));
      }
      client.on('data', (chunk: Buffer) => {
        if (chunk.includes('COMMIT\0') && ++commits === 2) cut = true;
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => (cut ? (client.destroy(), upstream.destroy()) : client.write(chunk)));
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const through = new URL(url);
    through.port = String((proxy.address() as { port: number }).port);
    const direct = await openPostgresStore(url.href, { poolSize: 2 });
    const proxied = await openPostgresStore(through.href, { poolSize: 2 });
    try {
      const users = await createUsers(direct, 'gs-d1', 'gs-d2');
      const conversationId = id();
      await direct.conversations.createGroup({ id: conversationId, title: 'G', creatorId: users[0]!.id, memberIds: users.map((u) => u.id), now: NOW });
      commits = 0; // the migrations' and set-up's commits went the other way; count from here
      const sendVia = (i: number) => sender(() => proxied)(users[i % 2]!.id, { conversationId }, `c${i}`);
      const settled = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => sendVia(i)));
      assert.equal(settled[0]!.status, 'fulfilled', 'the first went alone and was answered');
      const rest = settled.slice(1);
      assert.ok(rest.every((s) => s.status === 'rejected' && (s.reason as { code?: string }).code === 'unavailable'), JSON.stringify(rest.map((s) => (s.status === "rejected" ? String((s.reason as Error).message) : s.status))));
      const page = await direct.messages.history({ conversationId, userId: users[0]!.id, before: null, limit: 100, now: NOW });
      const bodies = page.messages.map((m) => m.body);
      assert.equal(new Set(bodies).size, bodies.length, `no send stored twice: ${bodies.join(' ')}`);
      assert.deepEqual([...bodies].sort(), Array.from({ length: 8 }, (_, i) => `c${i}`).sort(), 'the group did commit: its sends are there once (a retry with its clientId finds them)');
    } finally {
      await Promise.all([direct.close(), proxied.close().catch(() => {})]);
      for (const s of sockets) s.destroy();
      proxy.close();
    }
  });
});
