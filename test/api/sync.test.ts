// The sync feed: opaque cursors, paging that never skips or repeats, also while
// many sends commit at once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FeedEvent } from '../../src/sdk/index.js';
import { ChatApiError } from '../../src/sdk/index.js';
import { raw, startServer, type TestServer } from '../helpers/server.js';

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

    const sending = (async () => {
      const sends: Promise<unknown>[] = [];
      for (let i = 0; i < total; i++) sends.push(writers[i % writers.length]!.send({ to: 'reader', body: `n${i}` }));
      await Promise.all(sends);
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
});
