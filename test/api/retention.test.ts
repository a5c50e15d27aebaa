// Retention: an expired message is never served, by any endpoint, even before
// the purge; the purge deletes it in batches. The clock is the server's
// ManualClock, so nothing here waits for real time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { raw, startServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;

describe('retention', () => {
  let t: TestServer;
  before(async () => (t = await startServer({ messageTtlMs: 2 * HOUR })));
  after(() => t.close());

  it('hides an expired message from every endpoint before the purge, then purges it', async () => {
    const old = await t.user('oldie');
    const rec = await t.user('recip');
    await rec.call({ method: 'POST', path: '/api/user', body: { name: 'recip', gmail: 'recip@example.com', password: 'correct horse battery', name_devices: 'recip-legacy' }, idempotent: false });
    const expiring = await old.send({ to: 'recip', body: 'expiring' });
    assert.equal(expiring.expiresAt, new Date(t.clock.now() + 2 * HOUR).toISOString());
    t.clock.advance(HOUR);
    const fresh = await old.send({ to: 'recip', body: 'fresh' });
    t.clock.advance(HOUR); // the first is now exactly 2 h old: expired

    const bodies = (list: { body: string }[]) => list.map((m) => m.body);
    assert.deepEqual(bodies((await rec.history(fresh.conversationId)).messages), ['fresh']);
    assert.deepEqual((await rec.sync()).events.map((e) => (e.type === 'message' ? e.message.body : e.type)), ['fresh']);
    const [conv] = await rec.conversations();
    assert.equal(conv!.lastMessage?.body, 'fresh');
    assert.equal(conv!.unread, 1);
    const legacy = await raw(t.url, '/api/get_messages?name_devices=recip-legacy');
    assert.deepEqual(legacy.body.map((m: { message: string }) => m.message), ['fresh']);
    await assert.rejects(rec.markRead(fresh.conversationId, expiring.id));
    await assert.rejects(old.deleteMessage(expiring.id));

    assert.equal(await t.server.retention.purgeNow(), 1);
    assert.equal(await t.server.retention.purgeNow(), 0);
    const metrics = await raw(t.url, '/metrics');
    assert.match(metrics.body, /chat_messages_purged_total 1\b/);
    t.clock.advance(2 * HOUR);
    assert.deepEqual((await rec.history(fresh.conversationId)).messages, []);
    assert.equal((await rec.conversations())[0]!.lastMessage, null);
  });

  it('purges in batches and leaves unexpired messages alone', async () => {
    const a = await t.user('batcher');
    await t.user('batchee');
    for (let i = 0; i < 30; i++) await a.send({ to: 'batchee', body: `b${i}` });
    t.clock.advance(2 * HOUR + 1);
    const keep = await a.send({ to: 'batchee', body: 'keep' });
    const store = t.server.store;
    assert.equal(await store.retention.purgeExpired(t.clock.now(), 10), 10);
    assert.equal(await store.retention.purgeExpired(t.clock.now(), 10), 10);
    assert.ok((await t.server.retention.purgeNow()) >= 10); // the rest, and what earlier tests left to expire
    assert.equal(await t.server.retention.purgeNow(), 0);
    assert.deepEqual((await a.history(keep.conversationId)).messages.map((m) => m.body), ['keep']);
  });
});

describe('retention off (CHAT_MESSAGE_TTL=0)', () => {
  let t: TestServer;
  before(async () => (t = await startServer({ messageTtlMs: 0 })));
  after(() => t.close());

  it('keeps messages forever', async () => {
    const a = await t.user('keeper');
    await t.user('kept');
    const m = await a.send({ to: 'kept', body: 'forever' });
    assert.equal(m.expiresAt, null);
    t.clock.advance(365 * 24 * HOUR);
    assert.equal(await t.server.retention.purgeNow(), 0);
    assert.deepEqual((await a.history(m.conversationId)).messages.map((x) => x.body), ['forever']);
  });
});
