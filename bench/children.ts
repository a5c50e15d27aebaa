// Starts a server file of bench/ in its own Node process (so it never shares an
// event loop with the load generator) and stops it again.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage } from './protocol.js';
import type { StoreKind, TargetStore } from './store.js';

export interface MemoryReading {
  rss: number;
  heapUsed: number;
  external: number;
  /** A full GC ran right before the reading (the child was started with --expose-gc). */
  gc: boolean;
}

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ServerChild {
  name: string;
  url: string;
  /** What else the child announced with its URL (bench/services.ts: the Redis URL). */
  details: Record<string, string>;
  pid: number;
  /** CPU time (user + system) the child has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** CPU time and event-loop busy time (ms) so far. */
  usage(): Promise<{ cpuMs: number; loopActiveMs: number }>;
  /** The child's memory, read in the child after a GC if it can run one. */
  memory(): Promise<MemoryReading>;
  /** SIGTERM, then SIGKILL if it has not exited in time; resolves once it is gone. */
  stop(): Promise<void>;
  /** SIGKILL at once: the last resort when the bench itself is exiting. */
  killNow(): void;
}

/** What a half of the bench may start; run.ts stops and removes all of it at exit. */
export interface Launcher {
  /** Starts the children together; if any fails, throws (the others are stopped at exit). */
  startAll(specs: { name: string; file: string; env?: Record<string, string>; nodeFlags?: string[] }[]): Promise<ServerChild[]>;
  /** BENCH_STORE: what the chat servers run on. */
  storeKind: StoreKind;
  /** Fresh, empty data for chat servers (a temp dir, and a database with postgres), removed at exit. */
  store(): Promise<TargetStore>;
  /** Node flags for the chat server child (a CPU profile when BENCH_PROFILE_DIR is set). */
  profileFlags(): string[];
}

export interface ChildOptions {
  /** Its own process group: a Ctrl+C at the terminal does not reach it, only the bench stops it. */
  detached?: boolean;
  startupTimeoutMs?: number;
}

export async function startChild(name: string, file: string, env: Record<string, string> = {}, nodeFlags: string[] = [], options: ChildOptions = {}): Promise<ServerChild> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    execArgv: [...nodeFlags, '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: options.detached ?? false,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // IPC to a child that has just died fails with EPIPE; the caller sees that as a rejected probe.
  child.on('error', () => {});
  try {
    const { url, details } = await waitReady(name, child, options.startupTimeoutMs ?? STARTUP_TIMEOUT_MS);
    return {
      name,
      url,
      details: details ?? {},
      pid: child.pid ?? 0,
      cpuMs: () => usage(name, child).then((u) => u.cpuMs),
      usage: () => usage(name, child),
      memory: () => memory(name, child),
      stop: () => stopChild(child, exited),
      killNow: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  } catch (err) {
    await stopChild(child, exited);
    throw err;
  }
}

function waitReady(name: string, child: ChildProcess, timeoutMs: number): Promise<{ url: string; details?: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name}: not ready after ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: ChildMessage) => {
      if (msg.type !== 'ready') return;
      cleanup();
      resolve(msg);
    };
    const onExit = (code: number | null, signal: string | null) => fail(new Error(`${name}: exited before it was ready (code ${code}, signal ${signal})`));
    const onError = (err: Error) => fail(err);
    function cleanup() {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
    }
    function fail(err: Error) {
      cleanup();
      reject(err);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

let probeId = 0;

async function usage(name: string, child: ChildProcess): Promise<{ cpuMs: number; loopActiveMs: number }> {
  const m = await probe(name, child, 'cpu');
  return m.type === 'cpu' ? { cpuMs: (m.userMicros + m.systemMicros) / 1000, loopActiveMs: m.loopActiveMs } : { cpuMs: 0, loopActiveMs: 0 };
}

async function memory(name: string, child: ChildProcess): Promise<MemoryReading> {
  const m = await probe(name, child, 'mem');
  return m.type === 'mem' ? { rss: m.rss, heapUsed: m.heapUsed, external: m.external, gc: m.gc } : { rss: 0, heapUsed: 0, external: 0, gc: false };
}

function probe(name: string, child: ChildProcess, type: ParentMessage['type']): Promise<ChildMessage> {
  const id = ++probeId;
  return new Promise((resolve, reject) => {
    if (!child.connected) {
      reject(new Error(`${name}: the server process is gone`));
      return;
    }
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      reject(err);
    };
    // A GC of a large heap (10,000 streams) takes a while on a busy machine.
    const timer = setTimeout(() => fail(new Error(`${name}: no answer to the ${type} probe`)), 15_000);
    const onMessage = (msg: ChildMessage) => {
      if (msg.type !== type || msg.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(msg);
    };
    child.on('message', onMessage);
    child.send({ type, id } satisfies ParentMessage, (err) => {
      if (err) fail(new Error(`${name}: the server process is gone (${err.message})`));
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
  });
  const late = await Promise.race([exited.then(() => false), timedOut]);
  clearTimeout(timer);
  if (late) {
    child.kill('SIGKILL');
    await exited;
  }
}
