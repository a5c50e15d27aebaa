// `npm run bench`: every figure of the chat server beside a bare baseline from the
// same run, each server in its own child process on a free loopback port; the load
// (autocannon, the WebSocket clients and the paced senders) runs in this process.
//
// BENCH_ONLY                 http | stream: run one half (default both)
// BENCH_STORE (sqlite)       sqlite | postgres: what every chat server runs on. postgres starts a throwaway
//                            PostgreSQL and redis-server from this machine's binaries (bench/services.ts) and gives
//                            each chat server a fresh database (DATABASE_URL) and that Redis (REDIS_URL); the
//                            baselines are the same, and the stream half adds the cross-instance scenario below
// HTTP half (bench/http.ts), beside a bare node:http server:
// BENCH_SECONDS (5)          measured seconds per scenario
// BENCH_CONNECTIONS (50)     concurrent connections, the same for every run
// BENCH_WARMUP_SECONDS (1)   unmeasured load before each run (JIT, caches)
// BENCH_MESSAGES (200)       messages seeded in the direct conversation
// Stream half (bench/stream.ts), beside a bare `ws` server:
// BENCH_RATE (2000)          messages/s of the latency scenario
// BENCH_DEVICES (1000)       streams open during the latency scenario
// BENCH_STREAM_ACCOUNTS (100) accounts they are spread over, in pairs (direct conversations)
// BENCH_STREAM_SECONDS (10)  measured seconds of the latency scenario
// BENCH_STREAM_WARMUP_SECONDS (3) unmeasured load before it: the servers have just taken 1,000 new
//                            streams, and their first second at 2,000 msg/s (JIT, heap growth) is not the steady state
// BENCH_STREAM_SENDERS (64)  keep-alive HTTP connections (and bare ws sender sockets) that send; enough
//                            that the pool does not cap the rate (2,000/s at ~30 ms an answer needs ~60)
// BENCH_STREAMS (10000)      idle streams for the memory figure
// BENCH_FANOUT_DEVICES (100) devices of the one account of the fan-out scenario
// BENCH_FANOUT_MESSAGES (200) messages sent one after another to them
// Cross-instance delivery (BENCH_STORE=postgres; bench/stream-cross.ts): two chat servers on one database
// and Redis, sends through A, the same streams open on B and then on A (the in-run baseline):
// BENCH_CROSS_RATE (500)     messages/s
// BENCH_CROSS_DEVICES (200)  streams open
// BENCH_CROSS_SECONDS (5)    measured seconds of each run
// BENCH_CROSS_WARMUP_SECONDS (2) unmeasured load before each run
// BENCH_PROFILE_DIR          if set, the chat servers write V8 CPU profiles (.cpuprofile) there
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startChild, type Launcher, type ServerChild } from './children.js';
import { envChoice, envInt, envNumber } from './env.js';
import { runHttpHalf, type HttpOptions } from './http.js';
import { postgresStore, sqliteStore, type StoreKind } from './store.js';
import { runStreamHalf, streamOptions, type StreamOptions } from './stream.js';

let only: 'http' | 'stream' | null;
let storeKind: StoreKind;
let httpOptions: HttpOptions;
let streamOpts: StreamOptions;
try {
  only = envChoice('BENCH_ONLY', ['http', 'stream'] as const);
  storeKind = envChoice('BENCH_STORE', ['sqlite', 'postgres'] as const) ?? 'sqlite';
  httpOptions = {
    seconds: envNumber('BENCH_SECONDS', 5, 1),
    connections: envInt('BENCH_CONNECTIONS', 50, 1),
    warmupSeconds: envNumber('BENCH_WARMUP_SECONDS', 1, 0),
    messages: envInt('BENCH_MESSAGES', 200, 60),
  };
  streamOpts = streamOptions(envNumber('BENCH_STREAM_WARMUP_SECONDS', 3, 0));
} catch (err) {
  console.error(`bench: ${(err as Error).message}`);
  process.exit(2);
}
const profileDir = process.env.BENCH_PROFILE_DIR?.trim() ? resolve(process.env.BENCH_PROFILE_DIR.trim()) : null;

const children: ServerChild[] = [];
const dataDirs: string[] = [];
/** PostgreSQL and Redis (BENCH_STORE=postgres): stopped after every chat server, as they serve them. */
let services: ServerChild | null = null;
let cleaning: Promise<void> | null = null;
let interrupted = false;

// initdb and a first start on a loaded machine take a while.
const SERVICES_STARTUP_TIMEOUT_MS = 180_000;

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chat-api-bench-'));
  dataDirs.push(dir);
  return dir;
}

const launcher: Launcher = {
  storeKind,
  async startAll(specs) {
    const started = await Promise.allSettled(specs.map((s) => startChild(s.name, s.file, s.env, s.nodeFlags)));
    for (const s of started) if (s.status === 'fulfilled') children.push(s.value);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    return started.map((s) => (s as PromiseFulfilledResult<ServerChild>).value);
  },
  async store() {
    if (!services) return sqliteStore(newDataDir());
    return postgresStore(services.url, services.details.redisUrl!, newDataDir());
  },
  profileFlags: () => (profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
};

/** Stops every child and removes every data dir made so far. */
async function stopAll(): Promise<void> {
  const stopping = children.splice(0);
  await Promise.allSettled(stopping.map((c) => c.stop()));
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

async function stopEverything(): Promise<void> {
  await stopAll();
  const stopping = services;
  services = null;
  await stopping?.stop();
}

function cleanup(): Promise<void> {
  cleaning ??= stopEverything();
  return cleaning;
}

// Last resort (an uncaught error, a second signal): no child and no data dir outlives the bench.
process.on('exit', () => {
  for (const c of children) c.killNow();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  // Not SIGKILL: on SIGTERM the services child stops PostgreSQL and Redis and removes their data.
  if (services) {
    try {
      process.kill(services.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the servers${services ? ', PostgreSQL and Redis' : ''} and removing ${dataDirs.join(', ') || 'nothing'}`);
    void cleanup().finally(() => process.exit(130));
  });
}

let ok = false;
try {
  ok = true;
  if (storeKind === 'postgres') {
    const started = performance.now();
    services = await startChild('PostgreSQL + Redis', './services.ts', {}, [], { detached: true, startupTimeoutMs: SERVICES_STARTUP_TIMEOUT_MS });
    console.log(`BENCH_STORE=postgres: a throwaway PostgreSQL (${services.url}) and Redis (${services.details.redisUrl}) ` +
      `from this machine's binaries, started in ${((performance.now() - started) / 1000).toFixed(1)} s; a fresh database for each chat server's data\n`);
  }
  if (only !== 'stream') {
    ok = (await runHttpHalf(httpOptions, launcher)) && ok;
    // The stream half gets the machine to itself.
    await stopAll();
  }
  if (only !== 'http') {
    if (only !== 'stream') console.log('');
    ok = (await runStreamHalf(streamOpts, launcher)) && ok;
  }
  if (profileDir) console.log(`\nCPU profiles of the chat servers: written to ${profileDir} when they exit`);
  if (!ok) console.error('\nFAILED: a run saw errors, lost messages or unexpected closes (figures above)');
} catch (err) {
  ok = false;
  if (!interrupted) console.error('bench failed:', err);
} finally {
  await cleanup();
}
process.exit(interrupted ? 130 : ok ? 0 : 1);
