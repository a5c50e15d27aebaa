import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

export const DB_FILE = 'chat.sqlite';

/**
 * Every database and statement object ever made, kept reachable for the life of
 * the process. better-sqlite3 12 (the last line that runs on Node 20) wraps them
 * in node::ObjectWrap, whose destructor aborts Node >= 24.19 when the garbage
 * collector finalizes one outside a JavaScript context ("Assertion failed: (env)
 * != nullptr" in RemoveEnvironmentCleanupHook). Objects that are never collected
 * are torn down by Node's own cleanup hooks instead, which is safe. A server
 * prepares its statements once, so this holds a bounded set.
 */
const keepAlive: object[] = [];

/** Opens (creating if missing) the database file in `dataDir`, set up for durable, concurrent use. */
/**
 * Messages and password hashes are for the server's user alone: the data
 * directory is created 0700 and the database files are 0600, whatever the
 * umask. SQLite gives its -wal and -shm files the database file's mode.
 */
function keepPrivate(dataDir: string, path: string): void {
  if (mkdirSync(dataDir, { recursive: true, mode: 0o700 }) !== undefined) chmodSync(dataDir, 0o700);
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}

export function openDatabase(dataDir: string): Db {
  const path = join(dataDir, DB_FILE);
  keepPrivate(dataDir, path);
  const db = new Database(path);
  keepAlive.push(db);
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    keepAlive.push(statement);
    return statement;
  }) as Db['prepare'];
  // exec, unlike pragma(), makes no statement object (see keepAlive).
  db.exec('PRAGMA journal_mode = WAL');
  // FULL: a commit returns only once the WAL is fsynced, so an acknowledged send survives power loss.
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

/** Reads a pragma through a kept statement (see keepAlive). */
export function pragmaValue(db: Db, name: 'journal_mode' | 'synchronous' | 'foreign_keys'): unknown {
  return db.prepare(`PRAGMA ${name}`).pluck().get();
}
