// The store the API and CLI suites run on, chosen here once by
// CHAT_TEST_STORE: `sqlite` (the default: SQLite with its writer thread in the
// test's data directory) or `postgres` (a fresh database of this process's
// throwaway PostgreSQL for each data directory, so a server restarted on the
// same directory finds its data again). `npm test` runs the API suites on both.
import type { Store } from '../../src/domain/ports/index.js';
import type { CommitHook } from '../../src/server.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { sharedPostgres } from './postgres-server.js';

export type TestStoreKind = 'sqlite' | 'postgres';

const KINDS: readonly string[] = ['sqlite', 'postgres'];
const chosen = process.env.CHAT_TEST_STORE ?? 'sqlite';
if (!KINDS.includes(chosen)) throw new Error(`CHAT_TEST_STORE=${chosen}: no such store (${KINDS.join(', ')})`);

/** The store kind this test process runs on. */
export const testStoreKind = chosen as TestStoreKind;

const databases = new Map<string, Promise<string>>();

/** The PostgreSQL database of a data directory: made on first use. */
export function databaseFor(dataDir: string): Promise<string> {
  let url = databases.get(dataDir);
  if (!url) databases.set(dataDir, (url = sharedPostgres().then((server) => server.createDatabase())));
  return url;
}

/** Opens the test store of a server whose data lives in `dataDir`. */
export function testStore(dataDir: string, kind: TestStoreKind = testStoreKind): (onCommit: CommitHook) => Promise<Store> {
  if (kind === 'postgres') return async (onCommit) => openPostgresStore(await databaseFor(dataDir), { poolSize: 10, onCommit });
  return (onCommit) => openSqliteStore(dataDir, { onCommit });
}
