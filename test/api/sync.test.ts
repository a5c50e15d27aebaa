// The sync feed: opaque cursors, paging that never skips or repeats, also while
// many sends commit at once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FeedEvent } from '../../src/sdk/index.js';
import { ChatApiError } from '../../src/sdk/index.js';
import { raw, startServer, type TestServer } from '../helpers/server.js';
import { openStream } from '../helpers/stream.js';

describe('sync', () => {
  let t: TestServer;
  before(async () => (t = await startServer()));
  after(() => t.close());

  it('pages by cursor without skipping or repeating while sends commit concurrently', async () => {
    const reader = await t.user('reader');
    const writers = await Promise.all(['wr1', 'wr2', 'wr3', 'wr4'].map((n) => t.user(n)));
    const total = 400;
    const seen: FeedEvent[] = [];
    let cursor: string | undefined;
    let done = false;

    // The writers send at once, each one message after another: a writer's own order is then
    // defined (sends one client has in flight together may commit in any order on a pool).
    const sending = (async () => {
      await Promise.all(
        writers.map(async (w, k) => {
          for (let i = k; i < total; i += writers.length) await w.send({ to: 'reader', body: `n${i}` });
        }),
      );
      done = true;
    })();

    // Read pages while the sends are committing, then drain.
    for (;;) {
      const finished = done;
      const page = await reader.sync({ since: cursor, limit: 7 });
      seen.push(...page.events);
      cursor = page.cursor;
      if (finished && !page.hasMore) break;
    }
    await sending;

    const bodies = seen.map((e) => (e.type === 'message' ? e.message.body : '?'));
    assert.equal(bodies.length, total, 'every send seen once');
    assert.equal(new Set(bodies).size, total, 'no repeats');
    const cursors = seen.map((e) => ('cursor' in e ? e.cursor : ''));
    assert.equal(new Set(cursors).size, total);
    // each writer's messages arrive in the order that writer sent them
    for (const w of ['wr1', 'wr2', 'wr3', 'wr4']) {
      const mine = seen.filter((e) => e.type === 'message' && e.message.sender.name === w).map((e) => (e.type === 'message' ? Number(e.message.body.slice(1)) : 0));
      assert.deepEqual(mine, [...mine].sort((a, b) => a - b));
    }
  });

  it('a cursor from an event resumes right after that event; an empty page keeps the cursor', async () => {
    const a = await t.user('cursor-a');
    await t.user('cursor-b');
    for (let i = 0; i < 3; i++) await a.send({ to: 'cursor-b', body: `c${i}` });
    const all = await a.sync();
    assert.equal(all.events.length, 3);
    const second = all.events[1]!;
    assert.ok('cursor' in second);
    const rest = await a.sync({ since: second.cursor });
    assert.deepEqual(rest.events.map((e) => (e.type === 'message' ? e.message.body : '')), ['c2']);
    const empty = await a.sync({ since: rest.cursor });
    assert.deepEqual(empty.events, []);
    assert.equal(empty.cursor, rest.cursor);
    assert.equal(empty.hasMore, false);
  });

  it('a bad cursor is 400 invalid_request; limit is checked', async () => {
    const a = await t.user('cursor-c');
    for (const since of ['garbage', 'djEuLTE', '!!!', 'x'.repeat(100)]) {
      await assert.rejects(a.sync({ since }), (e: unknown) => e instanceof ChatApiError && e.status === 400 && e.code === 'invalid_request');
    }
    for (const limit of ['0', '1001', 'ten']) {
      const r = await raw(t.url, `/v1/sync?limit=${limit}`, { token: a.token! });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'invalid_request');
    }
  });

  it("a cursor of the old shared feed (before per-account positions) is a clear 400 on since, and the stream refuses it too", async () => {
    const a = await t.user('cursor-d');
    const old = Buffer.from('v1.' + (1234).toString(36)).toString('base64url');
    const r = await raw(t.url, `/v1/sync?since=${old}`, { token: a.token! });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'invalid_request');
    assert.match(r.body.error.message, /earlier version of the server; sync again without since/);
    assert.deepEqual(r.body.error.details.map((d: { field: string }) => d.field), ['since']);
    const stream = openStream(t.url, { token: a.token!, since: old });
    const status = await new Promise<number>((resolve) => stream.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!)));
    assert.equal(status, 400);
  });

  it("each account's feed is numbered 1, 2, 3, ... whatever other accounts do", async () => {
    const a = await t.user('count-a');
    const b = await t.user('count-b');
    const c = await t.user('count-c');
    await a.send({ to: 'count-b', body: 'ab' }); // a 1, b 1
    await b.send({ to: 'count-c', body: 'bc' }); // b 2, c 1
    await a.send({ to: 'count-b', body: 'ab2' }); // a 2, b 3
    const positions = async (client: typeof a) => (await client.sync({})).events.map((e) => ('cursor' in e ? Buffer.from(e.cursor, 'base64url').toString() : ''));
    assert.deepEqual(await positions(a), ['v2.1', 'v2.2']);
    assert.deepEqual(await positions(b), ['v2.1', 'v2.2', 'v2.3']);
    assert.deepEqual(await positions(c), ['v2.1']);
  });
});
