import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, openSqliteStore } from '../../src/store/sqlite/index.js';
import { storeContract } from '../helpers/store-contract/index.js';
import { AppError } from '../../src/domain/errors.js';
import { translateStoreError } from '../../src/store/errors.js';
import { tempDir } from '../helpers/server.js';

for (const inlineWrites of [false, true]) {
  storeContract(inlineWrites ? 'SQLite, writes on the main thread' : 'SQLite, writes on the writer thread', async () => {
    const dir = tempDir();
    const store = await openSqliteStore(dir, { inlineWrites });
    return {
      store,
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
}

it("SQLite: deleting a user leaves no event row of its messages but the other members' message.deleted", async () => {
  const dir = tempDir();
  const store = await openSqliteStore(dir);
  try {
    const NOW = Date.parse('2026-11-23T10:00:00.000Z');
    const user = (name: string) => ({ id: `raw-${name}`, name, email: `${name}@example.com`, passwordHash: 'x', createdAt: NOW });
    const a = user('raw-a');
    const b = user('raw-b');
    await store.accounts.create(a);
    await store.accounts.create(b);
    const send = (id: string, expiresAt: number) =>
      store.messages.append({ id, newConversationId: 'raw-c', senderId: a.id, deviceId: 'dev', target: { directWithUserId: b.id }, body: id, clientId: null, now: NOW, expiresAt });
    await send('raw-live', NOW + 1000);
    await send('raw-expired', NOW + 100);
    await store.messages.markRead({ conversationId: 'raw-c', userId: b.id, messageId: 'raw-expired', now: NOW });
    await store.accounts.delete(a.id, NOW + 500);
    const db = openDatabase(dir);
    try {
      const rows = db.prepare("SELECT user_id, type, message_id FROM feed WHERE message_id LIKE 'raw-%' ORDER BY user_id, position").all();
      assert.deepEqual(rows, [{ user_id: b.id, type: 'message.deleted', message_id: 'raw-live' }]);
    } finally {
      db.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('SQLite: under steady writes and reads the WAL stays near its limit; the writer finishes a checkpoint when the background one cannot catch up', async () => {
  const dir = tempDir();
  const limit = 256 * 1024;
  const store = await openSqliteStore(dir, { walLimitBytes: limit });
  try {
    const NOW = Date.parse('2026-11-23T10:00:00.000Z');
    const user = (name: string) => ({ id: `wal-${name}`, name, email: `${name}@example.com`, passwordHash: 'x', createdAt: NOW });
    const [a, b] = [user('wal-a'), user('wal-b')];
    await store.accounts.create(a);
    await store.accounts.create(b);
    const walSize = () => {
      try {
        return statSync(join(dir, 'chat.sqlite-wal')).size;
      } catch {
        return 0;
      }
    };
    let largest = 0;
    let written = 0;
    for (let wave = 0; wave < 150; wave++) {
      await Promise.all(Array.from({ length: 10 }, () => {
        const id = `wal-m${written++}`;
        return store.messages.append({ id, newConversationId: 'wal-c', senderId: a.id, deviceId: 'dev', target: { directWithUserId: b.id }, body: 'x'.repeat(500), clientId: null, now: NOW, expiresAt: null });
      }));
      await store.feed.read({ userId: b.id, after: 0, limit: 50, now: NOW });
      largest = Math.max(largest, walSize());
    }
    // 1,500 messages append several MB of WAL frames; over the limit by at most a batch or two.
    assert.ok(largest <= 2 * limit, `the WAL reached ${largest} bytes with a limit of ${limit}`);
    const page = await store.feed.read({ userId: b.id, after: 0, limit: 1000, now: NOW });
    assert.equal(page.events.length, 1000, 'every write is still there');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('SQLite: a read the database cannot answer is unavailable (503), not an internal error', async () => {
  const dir = tempDir();
  const store = await openSqliteStore(dir);
  await store.close(); // as in the last moments of a shutdown
  try {
    await assert.rejects(store.accounts.get('someone'), (err: unknown) => err instanceof AppError && err.code === 'unavailable' && err.status === 503);
    await assert.rejects(store.feed.read({ userId: 'someone', after: 0, limit: 10, now: 0 }), (err: unknown) => err instanceof AppError && err.code === 'unavailable');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('store errors: extended SQLite codes of a busy or failing disk are unavailable; others pass through', () => {
  for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_IOERR_FSYNC', 'SQLITE_FULL', 'SQLITE_READONLY_DBMOVED']) {
    const translated = translateStoreError(Object.assign(new Error('driver text'), { code }));
    assert.ok(translated instanceof AppError && translated.code === 'unavailable', code);
  }
  const other = Object.assign(new Error('no such column'), { code: 'SQLITE_ERROR' });
  assert.equal(translateStoreError(other), other);
});
