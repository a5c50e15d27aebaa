// The store the chat servers of the bench run on (BENCH_STORE): SQLite in a fresh
// data dir (the default), or PostgreSQL + Redis from bench/services.ts with a
// fresh database. What a target gets is environment for bench/target.ts.
import pg from 'pg';

export type StoreKind = 'sqlite' | 'postgres';

export interface TargetStore {
  /** For bench/target.ts; every chat server started with it shares the same data. */
  env: Record<string, string>;
  /** Says where the data is, for the header lines. */
  label: string;
}

/** SQLite in `dataDir`. DATABASE_URL and REDIS_URL are blanked: one set in the shell must not leak into a child. */
export function sqliteStore(dataDir: string): TargetStore {
  return { env: { BENCH_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' }, label: `SQLite in ${dataDir}` };
}

let databases = 0;

/** A new empty database on the bench's PostgreSQL, with its Redis; `dataDir` still holds what is not in the database. */
export async function postgresStore(maintenanceUrl: string, redisUrl: string, dataDir: string): Promise<TargetStore> {
  const name = `bench_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  return {
    env: { BENCH_DATA_DIR: dataDir, DATABASE_URL: url.toString(), REDIS_URL: redisUrl },
    label: `PostgreSQL database ${name} on ${url.host} + Redis ${redisUrl}`,
  };
}
