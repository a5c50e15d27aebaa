// Migration 2 on a database written by the first schema: every event the old
// feed showed is kept, renumbered 1, 2, 3, ... per account in its old order,
// with the payload the old reads built from the rows it pointed at.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { encodeCursor } from '../../src/domain/cursor.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openDatabase, openSqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../helpers/server.js';

const T = Date.parse('2026-11-23T10:00:00.007Z');

it('SQLite migration 2: the old shared feed becomes per-account positions with JSON payloads', async () => {
  const dir = tempDir();
  try {
    const old = openDatabase(dir);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    old.exec(migrations[0]!.sqlite);
    old.prepare("INSERT INTO schema_migrations VALUES (1, 'initial', 0)").run();
    const user = old.prepare("INSERT INTO users VALUES (?, ?, lower(?), ?, lower(?), 'x', 0)");
    user.run('ua', 'Ann', 'Ann', 'ann@example.com', 'ann@example.com');
    user.run('ub', 'Bob', 'Bob', 'bob@example.com', 'bob@example.com');
    old.prepare("INSERT INTO conversations VALUES ('c', 'direct', NULL, 'ua:ub', NULL, 0, 0)").run();
    old.prepare("INSERT INTO members VALUES ('c', 'ua', 0, 0), ('c', 'ub', 0, 0)").run();
    const msg = old.prepare("INSERT INTO messages (id, conversation_id, sender_id, device_id, client_id, body, created_at, expires_at) VALUES (?, 'c', ?, 'd', ?, ?, ?, ?)");
    msg.run('m1', 'ua', 'cid', 'first', T, T + 3_600_000);
    msg.run('m2', 'ub', null, 'second', T + 1, null);
    const event = old.prepare('INSERT INTO events (user_id, type, conversation_id, message_id, actor_id, created_at) VALUES (?, ?, ?, ?, ?, 0)');
    for (const u of ['ua', 'ub']) event.run(u, 'message', 'c', 'm1', 'ua');
    event.run('ub', 'message', 'c', 'gone', 'ua'); // its message was deleted: reads skipped it
    for (const u of ['ua', 'ub']) event.run(u, 'message', 'c', 'm2', 'ub');
    for (const u of ['ua', 'ub']) event.run(u, 'receipt', 'c', 'm2', 'ua');
    for (const u of ['ua', 'ub']) event.run(u, 'message.deleted', 'c', 'm0', 'ua');
    old.close();

    const store = await openSqliteStore(dir, { inlineWrites: true });
    try {
      const m1 = {
        id: 'm1', conversationId: 'c', sender: { id: 'ua', name: 'Ann' }, body: 'first',
        createdAt: '2026-11-23T10:00:00.007Z', expiresAt: '2026-11-23T11:00:00.007Z', clientId: 'cid',
      };
      const m2 = { id: 'm2', conversationId: 'c', sender: { id: 'ub', name: 'Bob' }, body: 'second', createdAt: '2026-11-23T10:00:00.008Z', expiresAt: null, clientId: null };
      // Both members had the same four events, in this order; the message event of a deleted message is gone.
      const expected = [
        { type: 'message', cursor: encodeCursor(1), message: m1 },
        { type: 'message', cursor: encodeCursor(2), message: m2 },
        { type: 'receipt', cursor: encodeCursor(3), conversationId: 'c', userId: 'ua', messageId: 'm2' },
        { type: 'message.deleted', cursor: encodeCursor(4), conversationId: 'c', messageId: 'm0' },
      ];
      for (const u of ['ua', 'ub']) {
        const page = await store.feed.read({ userId: u, after: 0, limit: 10, now: T });
        assert.deepEqual(page.events, expected, u);
        assert.equal(await store.feed.head(u), 4, 'the head is the last position');
      }
      assert.deepEqual((await store.feed.read({ userId: 'ub', after: 0, limit: 10, now: T + 3_600_000 })).events.map((e) => e.type), ['message', 'receipt', 'message.deleted'], 'an expired message stays hidden');
      // New events continue each account's numbering.
      const sent = await store.messages.append({ id: 'm3', newConversationId: 'x', senderId: 'ua', deviceId: 'd', target: { conversationId: 'c' }, body: 'third', clientId: null, now: T + 2, expiresAt: null });
      assert.deepEqual(sent.deliveries.map((d) => [d.userId, d.event.cursor]), [['ua', encodeCursor(5)], ['ub', encodeCursor(5)]]);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
