// Group commit on a real SQLite file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { openDatabase, pragmaValue } from '../../src/store/sqlite/database.js';
import { WriteQueue } from '../../src/store/sqlite/write-queue.js';
import { tempDir } from '../helpers/server.js';

function setup() {
  const dir = tempDir();
  const db = openDatabase(dir);
  db.exec('CREATE TABLE t (v INTEGER UNIQUE)');
  return { db, queue: new WriteQueue(db), done: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

describe('WriteQueue', () => {
  it('opens the database durable: WAL, synchronous=FULL, foreign keys on', () => {
    const { db, done } = setup();
    assert.equal(pragmaValue(db, 'journal_mode'), 'wal');
    assert.equal(pragmaValue(db, 'synchronous'), 2); // FULL
    assert.equal(pragmaValue(db, 'foreign_keys'), 1);
    done();
  });

  it('commits writes of the same tick in one transaction', async () => {
    const { db, queue, done } = setup();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        queue.run(() => {
          if (!db.inTransaction) throw new Error('not in a transaction');
          return insert.run(i).changes;
        }),
      ),
    );
    assert.deepEqual(results, Array(50).fill(1));
    assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 50);
    assert.deepEqual(queue.stats, { commits: 1, writes: 50 });
    await queue.run(() => insert.run(100));
    assert.deepEqual(queue.stats, { commits: 2, writes: 51 });
    done();
  });

  it('a failing write rolls back alone; the others commit', async () => {
    const { db, queue, done } = setup();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const outcomes = await Promise.allSettled([
      queue.run(() => insert.run(1)),
      queue.run(() => {
        insert.run(2);
        insert.run(1); // unique violation: this write's first insert must roll back too
      }),
      queue.run(() => insert.run(3)),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(db.prepare('SELECT v FROM t ORDER BY v').pluck().all(), [1, 3]);
    done();
  });

  it('resolves only after commit: the data is visible to a second connection', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    db.exec('CREATE TABLE t (v INTEGER)');
    const other = openDatabase(dir);
    const queue = new WriteQueue(db);
    await queue.run(() => db.prepare('INSERT INTO t (v) VALUES (42)').run());
    assert.equal(other.prepare('SELECT v FROM t').pluck().get(), 42);
    other.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses writes after close with a clear error', async () => {
    const { queue, done } = setup();
    queue.close();
    await assert.rejects(queue.run(() => 1), (err: { code?: string }) => err.code === 'unavailable');
    done();
  });
});
