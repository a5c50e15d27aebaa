// PostgreSQL migrations: instances starting together on a fresh database apply
// each step once (advisory lock), and step 2 turns a database of the first
// schema into per-account positions with JSON payloads, as on SQLite.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { encodeCursor } from '../../src/domain/cursor.js';
import { migrations } from '../../src/store/migrations/index.js';
import { migratePostgresAt, openPostgresStore } from '../../src/store/postgres/index.js';
import { sharedPostgres } from '../helpers/postgres-server.js';

async function withClient<T>(url: string, use: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

it('PostgreSQL: four instances migrating a fresh database at once apply each step exactly once', async () => {
  const url = await (await sharedPostgres()).createDatabase();
  const applied = await Promise.all(Array.from({ length: 4 }, () => migratePostgresAt(url)));
  const all = migrations.map((m) => m.version);
  assert.deepEqual(applied.flat().sort(), all, 'each version applied by one of them');
  assert.equal(applied.filter((a) => a.length > 0).length, 1, 'the first did everything; the others found nothing to do');
  const rows = await withClient(url, async (c) => (await c.query('SELECT version FROM schema_migrations ORDER BY version')).rows);
  assert.deepEqual(rows.map((r) => r.version), all);
  assert.deepEqual(await migratePostgresAt(url), [], 'and again: nothing');
});

it('PostgreSQL migration 2: the old shared feed becomes per-account positions with JSON payloads', async () => {
  const T = Date.parse('2026-11-23T10:00:00.007Z');
  const url = await (await sharedPostgres()).createDatabase();
  await withClient(url, async (c) => {
    await c.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    await c.query(migrations[0]!.postgres);
    await c.query("INSERT INTO schema_migrations VALUES (1, 'initial', 0)");
    await c.query("INSERT INTO users VALUES ('ua', 'Ann', 'ann', 'ann@example.com', 'ann@example.com', 'x', 0), ('ub', 'Bob', 'bob', 'bob@example.com', 'bob@example.com', 'x', 0)");
    await c.query("INSERT INTO conversations VALUES ('c', 'direct', NULL, 'ua:ub', NULL, 0, 0)");
    await c.query("INSERT INTO members VALUES ('c', 'ua', 0, 0), ('c', 'ub', 0, 0)");
    const msg = "INSERT INTO messages (id, conversation_id, sender_id, device_id, client_id, body, created_at, expires_at) VALUES ($1, 'c', $2, 'd', $3, $4, $5, $6)";
    await c.query(msg, ['m1', 'ua', 'cid', 'first', T, T + 3_600_000]);
    await c.query(msg, ['m2', 'ub', null, 'second', T + 1, null]);
    const event = async (u: string, type: string, messageId: string) =>
      c.query("INSERT INTO events (user_id, type, conversation_id, message_id, actor_id, created_at) VALUES ($1, $2, 'c', $3, 'ua', 0)", [u, type, messageId]);
    for (const u of ['ua', 'ub']) await event(u, 'message', 'm1');
    await event('ub', 'message', 'gone'); // its message was deleted: reads skipped it
    for (const u of ['ua', 'ub']) await event(u, 'message', 'm2');
    for (const u of ['ua', 'ub']) await event(u, 'receipt', 'm2');
    for (const u of ['ua', 'ub']) await event(u, 'message.deleted', 'm0');
  });

  const store = await openPostgresStore(url, { poolSize: 2 });
  try {
    const m1 = {
      id: 'm1', conversationId: 'c', sender: { id: 'ua', name: 'Ann' }, body: 'first',
      createdAt: '2026-11-23T10:00:00.007Z', expiresAt: '2026-11-23T11:00:00.007Z', clientId: 'cid',
    };
    const m2 = { id: 'm2', conversationId: 'c', sender: { id: 'ub', name: 'Bob' }, body: 'second', createdAt: '2026-11-23T10:00:00.008Z', expiresAt: null, clientId: null };
    const expected = [
      { type: 'message', cursor: encodeCursor(1), message: m1 },
      { type: 'message', cursor: encodeCursor(2), message: m2 },
      { type: 'receipt', cursor: encodeCursor(3), conversationId: 'c', userId: 'ua', messageId: 'm2' },
      { type: 'message.deleted', cursor: encodeCursor(4), conversationId: 'c', messageId: 'm0' },
    ];
    for (const u of ['ua', 'ub']) {
      assert.deepEqual((await store.feed.read({ userId: u, after: 0, limit: 10, now: T })).events, expected, u);
      assert.equal(await store.feed.head(u), 4);
    }
    const sent = await store.messages.append({ id: 'm3', newConversationId: 'x', senderId: 'ua', deviceId: 'd', target: { conversationId: 'c' }, body: 'third', clientId: null, now: T + 2, expiresAt: null });
    assert.deepEqual(sent.deliveries.map((d) => [d.userId, d.event.cursor]), [['ua', encodeCursor(5)], ['ub', encodeCursor(5)]]);
  } finally {
    await store.close();
  }
});
