// Feeds that never skip across writers: two servers on one PostgreSQL
// database, writers sending through both at once to shared accounts, while
// readers page /v1/sync from their cursors, through one instance, the other,
// or both in turn. Every reader sees every event exactly once, in position
// order, with no position skipped.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { decodeCursor } from '../../src/domain/cursor.js';
import type { FeedEvent } from '../../src/sdk/index.js';
import { ChatClient } from '../../src/sdk/index.js';
import { PASSWORD, startServer, tempDir, type TestServer } from '../helpers/server.js';

let dataDir: string;
let one: TestServer;
let two: TestServer;

before(async () => {
  dataDir = tempDir(); // names the shared database (test/helpers/store.ts), holds no file
  // Started together on a fresh database: they migrate it once between them.
  [one, two] = await Promise.all([startServer({ dataDir }, { store: 'postgres' }), startServer({ dataDir }, { store: 'postgres' })]);
});
after(async () => {
  await Promise.all([one?.close(), two?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(t: TestServer, name: string): Promise<ChatClient> {
  const client = t.client();
  await client.login({ login: name, password: PASSWORD, deviceName: `on ${t.url}` });
  return client;
}

it('concurrent writers through two instances: every reader pages every event once, in position order, none skipped', async () => {
  const readerNames = ['feed-r1', 'feed-r2', 'feed-r3'];
  const writerNames = ['feed-w1', 'feed-w2', 'feed-w3', 'feed-w4', 'feed-w5', 'feed-w6'];
  for (const name of [...readerNames, ...writerNames]) await one.client().register({ name, email: `${name}@example.com`, password: PASSWORD });
  // Writers alternate between the instances; reader 1 reads through one, reader 2 through two, reader 3 through both in turn.
  const writers = await Promise.all(writerNames.map((n, i) => signIn(i % 2 ? two : one, n)));
  const readers = await Promise.all(readerNames.map(async (n, i) => (i === 2 ? [await signIn(one, n), await signIn(two, n)] : [await signIn(i ? two : one, n)])));
  const group = await writers[0]!.createGroup('everyone', [...readerNames, ...writerNames.slice(1)]);

  const perWriter = 16;
  let writing = true;
  const sending = (async () => {
    try {
      await Promise.all(
        writers.map(async (w, i) => {
          for (let n = 0; n < perWriter; n++) {
            // Into the shared group, and directly to one of the readers: each send numbers several accounts' feeds at once.
            await Promise.all([w.send({ conversationId: group.id, body: `${i}:${n}:g` }), w.send({ to: readerNames[n % readerNames.length]!, body: `${i}:${n}:d` })]);
          }
        }),
      );
    } finally {
      writing = false;
    }
  })();

  const read = async (clients: ChatClient[]) => {
    const seen: FeedEvent[] = [];
    let cursor: string | undefined;
    for (let page = 0; ; page++) {
      const finished = !writing; // read before the page: a page read after the last send commits sees it
      const answer = await clients[page % clients.length]!.sync({ since: cursor, limit: 9 });
      seen.push(...answer.events);
      cursor = answer.cursor;
      if (finished && !answer.hasMore) return seen;
    }
  };
  const [feeds] = await Promise.all([Promise.all(readers.map(read)), sending]);

  for (const [r, seen] of feeds.entries()) {
    const name = readerNames[r]!;
    const positions = seen.map((e) => decodeCursor(e.cursor));
    assert.deepEqual(positions, positions.map((_, i) => i + 1), `${name}: positions 1, 2, 3, ... with none skipped or repeated`);
    const bodies = seen.map((e) => (e.type === 'message' ? e.message.body : e.type));
    const expected = writers.flatMap((_, i) => Array.from({ length: perWriter }, (_, n) => [`${i}:${n}:g`, ...(n % readerNames.length === r ? [`${i}:${n}:d`] : [])]).flat());
    assert.equal(bodies[0], 'conversation.updated', `${name}: first, the group it was added to`);
    assert.deepEqual(bodies.slice(1).sort(), expected.sort(), `${name}: every message once`);
    for (const i of writers.keys()) {
      const mine = bodies.filter((b) => b.startsWith(`${i}:`) && b.endsWith(':g')).map((b) => Number(b.split(':')[1]));
      assert.deepEqual(mine, mine.map((_, n) => n), `${name}: writer ${i}'s group messages in the order it sent them`);
    }
  }
  // The feed the readers paged is the feed as it stands: nothing appeared behind a cursor.
  const again = await readers[0]![0]!.sync({ limit: 500 });
  assert.deepEqual(again.events, feeds[0]);
});
