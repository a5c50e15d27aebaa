// Applies the migration list's PostgreSQL steps once, each in its own
// transaction with its schema_migrations row. Under a session advisory lock:
// instances that start together on a fresh database wait for the first, then
// find nothing left to do.
import { migrations } from '../migrations/index.js';
import { translateStoreError } from '../errors.js';
import type { Db } from './db.js';

/** Any constant: the lock is chat-api's migration lock in this database. */
const MIGRATION_LOCK = 0x63686174; // "chat"

export async function migratePostgres(db: Db): Promise<number[]> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      const applied: number[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.postgres);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (err) {
    broken = err as Error;
    throw translateStoreError(err);
  } finally {
    client.release(broken);
  }
}
