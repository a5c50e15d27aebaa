// The throwaway PostgreSQL of the tests: found where Debian puts it, durable
// like production, and stopped and started again on the same data and port.
import { rmSync } from 'node:fs';
import { it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { MISSING_POSTGRES, postgresBinDir, startPostgres } from '../helpers/postgres-server.js';
import { tempDir } from '../helpers/server.js';

it('without PostgreSQL binaries the helper fails with the apt-get line that installs them', () => {
  const empty = tempDir();
  try {
    assert.throws(() => postgresBinDir(empty, empty), (err: Error) => err.message === MISSING_POSTGRES);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  assert.match(MISSING_POSTGRES, /apt-get install -y postgresql$/);
});

it('starts a durable PostgreSQL on loopback, gives fresh databases, keeps their data across stop and start', async () => {
  const server = await startPostgres();
  try {
    const url = await server.createDatabase();
    assert.notEqual(await server.createDatabase(), url, 'a fresh database per call');
    assert.match(url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/chat_/);
    const query = async (sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    };
    assert.deepEqual(await query('SHOW fsync'), [{ fsync: 'on' }]);
    assert.deepEqual(await query('SHOW synchronous_commit'), [{ synchronous_commit: 'on' }]);
    await query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)');
    await server.stop();
    await assert.rejects(query('SELECT 1'), 'nothing answers while stopped');
    await server.start();
    assert.deepEqual(await query('SELECT n FROM kept'), [{ n: 1 }]);
  } finally {
    await server.close();
  }
});
