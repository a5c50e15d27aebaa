// Starts a throwaway redis-server from the system's binary for one test
// process: a free loopback port, no persistence (no RDB, no AOF), its own temp
// directory. It can be stopped and started again on the same port, as tests
// stop Redis mid-run, and it is killed when the test process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './process.js';

export const REDIS_MISSING = 'redis-server is missing: apt-get install -y redis-server';

/** How long a start may take on a loaded machine before the test fails. */
const START_TIMEOUT_MS = 20_000;

/** The binary in PATH or where Debian's package puts it; throws the apt-get line when there is none. */
export function findRedisServer(dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/sbin', '/usr/local/bin']): string {
  for (const dir of dirs) {
    if (!dir) continue;
    const path = join(dir, 'redis-server');
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  throw new Error(REDIS_MISSING);
}

export interface RedisServer {
  readonly port: number;
  /** redis://127.0.0.1:port */
  readonly url: string;
  /** Starts it again on the same port after stop(). */
  start(): Promise<void>;
  /** Stops it (its data is gone: nothing is persisted). */
  stop(): Promise<void>;
  /** Stops it for good and removes its directory: for after() hooks. */
  close(): Promise<void>;
  readonly running: boolean;
}

const alive = new Set<ChildProcess>();
const dirs = new Set<string>();
let exitHookInstalled = false;
/** A test process that ends without its after() hooks (a failure, a signal) leaves no redis-server behind. */
function cleanUpOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const cleanUp = () => {
    for (const child of alive) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', cleanUp);
  // A signal ends the process without 'exit': clean up, then die of the same signal.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanUp();
      process.kill(process.pid, signal);
    });
  }
}

/** Starts a redis-server; stop it with `stop()` (it is also killed when this process exits). */
export async function startRedis(): Promise<RedisServer> {
  const binary = findRedisServer();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'chat-api-redis-'));
  dirs.add(dir);
  let child: ChildProcess | null = null;
  cleanUpOnExit();

  async function start(): Promise<void> {
    if (child) return;
    const proc = spawn(binary, [
      '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--dir', dir, '--daemonize', 'no', '--protected-mode', 'no', '--loglevel', 'notice',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    alive.add(proc);
    proc.once('exit', () => alive.delete(proc));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`redis-server did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
      const fail = (err: Error) => {
        clearTimeout(timer);
        proc.kill('SIGKILL');
        reject(err);
      };
      proc.once('error', (err) => fail(new Error(`redis-server could not be run (${err.message}); ${REDIS_MISSING}`)));
      const exitedEarly = (code: number | null) => fail(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
      proc.once('exit', exitedEarly);
      proc.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          proc.off('exit', exitedEarly);
          resolve();
        }
      });
      proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    });
    proc.stdout!.resume();
    proc.stderr!.resume();
    // A test process ends when its tests are done, even if a suite shares one
    // server without stopping it (test/helpers/bus.ts): the exit hook kills it.
    proc.unref();
    (proc.stdout as unknown as { unref(): void }).unref();
    (proc.stderr as unknown as { unref(): void }).unref();
    child = proc;
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc) return;
    child = null;
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.ref(); // a test awaiting the stop keeps this process alive until it is done
      const exited = once(proc, 'exit');
      proc.kill('SIGTERM');
      await exited;
    }
  }

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
      dirs.delete(dir);
    },
    get running() {
      return child !== null;
    },
  };
}
