// A throwaway PostgreSQL for a test process: initdb + pg_ctl from the system's
// binaries in a temp dir, listening on 127.0.0.1 on a free port, its unix
// sockets in that dir, fsync on. PostgreSQL refuses to run as root, so as root
// everything runs as the `postgres` user (created by the Debian package) in a
// dir that user owns. Tests stop() and start() it again on the same data dir
// and port to see what the server does while its database is away; it is
// stopped and removed by close(), or when the process exits.
import { execFile, execFileSync } from 'node:child_process';
import { accessSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { freePort } from './process.js';

export const MISSING_POSTGRES = "PostgreSQL's server binaries are missing: apt-get install -y postgresql";

export interface PostgresServer {
  port: number;
  /** The URL of a database of this server (`postgres`, the maintenance one, by default). */
  url(database?: string): string;
  /** Creates an empty database and resolves to its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast: open connections are cut), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same data dir and port. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The directory holding initdb and pg_ctl: on PATH, or Debian's
 * /usr/lib/postgresql/<version>/bin (not on PATH there), the newest first.
 */
export function postgresBinDir(path = process.env.PATH ?? '', debianRoot = '/usr/lib/postgresql'): string {
  const onPath = path.split(delimiter).filter(Boolean);
  let debian: string[] = [];
  try {
    debian = readdirSync(debianRoot)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => join(debianRoot, v, 'bin'));
  } catch {
    // no Debian packages
  }
  const dir = [...onPath, ...debian].find((d) => executable(join(d, 'initdb')) && executable(join(d, 'pg_ctl')));
  if (!dir) throw new Error(MISSING_POSTGRES);
  return dir;
}

const asRoot = process.getuid?.() === 0;

/** The uid and gid the server runs as: the `postgres` user's when we are root, ours otherwise. */
function serverUser(): { uid: number; gid: number } | null {
  if (!asRoot) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error(`we run as root and PostgreSQL refuses to, but there is no postgres user to run it as: ${MISSING_POSTGRES}`);
  }
}

/** The child process options that run a binary as the postgres user when we are root (no runuser or su needed). */
const asServerUser = () => serverUser() ?? {};

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { cwd: tmpdir(), timeout: 120_000, ...asServerUser() }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${bin} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

function runSync(bin: string, args: string[]): void {
  try {
    execFileSync(bin, args, { cwd: tmpdir(), stdio: 'ignore', timeout: 30_000, ...asServerUser() });
  } catch {
    // already stopped
  }
}

let databases = 0;

/** What to stop and remove when the process ends (exit, or SIGINT/SIGTERM from the test runner). */
const live = new Set<() => void>();
let hooked = false;
function removeAtExit(remove: () => void): void {
  live.add(remove);
  if (hooked) return;
  hooked = true;
  const removeAll = () => {
    for (const r of live) r();
    live.clear();
  };
  process.once('exit', removeAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeAll();
      process.kill(process.pid, signal); // the default action, now that this listener is gone
    });
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const owner = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'chat-api-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const pgCtl = join(bin, 'pg_ctl');
  const port = await freePort();
  const conf = [
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${dir}'`,
    // Durable as production: a commit returns once its WAL is on disk.
    'fsync = on',
    'synchronous_commit = on',
    'max_connections = 200',
    'shared_buffers = 32MB',
  ].join('\n');
  writeFileSync(join(data, 'postgresql.auto.conf'), conf + '\n');
  if (owner) chownSync(join(data, 'postgresql.auto.conf'), owner.uid, owner.gid);

  let running = false;
  const start = async () => {
    await run(pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    running = false;
    await run(pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  };
  let removed = false;
  const removeNow = () => {
    if (removed) return;
    removed = true;
    if (running && existsSync(data)) runSync(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
    running = false;
    rmSync(dir, { recursive: true, force: true });
  };
  removeAtExit(removeNow);

  try {
    await start();
  } catch (err) {
    removeNow();
    throw err;
  }
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase() {
      const name = `chat_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop,
    start,
    async close() {
      await stop().catch(() => undefined);
      removeNow();
      live.delete(removeNow);
    },
  };
}

let shared: Promise<PostgresServer> | undefined;

/** One PostgreSQL for the whole test process, started on first use and removed when the process exits. */
export function sharedPostgres(): Promise<PostgresServer> {
  shared ??= startPostgres();
  return shared;
}
