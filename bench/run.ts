// `npm run bench`: the chat server's hot calls beside a bare node:http server,
// both measured in this run, each in its own child process on a free loopback
// port; autocannon runs here. The baseline is measured right before each scenario.
//
// BENCH_SECONDS (5)          measured seconds per scenario
// BENCH_CONNECTIONS (50)     concurrent connections, the same for every run
// BENCH_WARMUP_SECONDS (1)   unmeasured load before each run (JIT, caches)
// BENCH_MESSAGES (200)       messages seeded in the direct conversation
// BENCH_PROFILE_DIR          if set, the chat server writes a V8 CPU profile (.cpuprofile) there
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startChild, type ServerChild } from './children.js';
import { measure, type LoadOptions, type Scenario } from './load.js';
import { failed, printReport, type Pair } from './report.js';
import { seed } from './seed.js';

function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name}=${JSON.stringify(raw)}: expected a number >= ${min}`);
  return value;
}

let options: LoadOptions;
let seededMessages: number;
try {
  options = {
    seconds: envNumber('BENCH_SECONDS', 5, 1),
    connections: Math.round(envNumber('BENCH_CONNECTIONS', 50, 1)),
    warmupSeconds: envNumber('BENCH_WARMUP_SECONDS', 1, 0),
  };
  seededMessages = Math.round(envNumber('BENCH_MESSAGES', 200, 60));
} catch (err) {
  console.error(`bench: ${(err as Error).message}`);
  process.exit(2);
}
const profileDir = process.env.BENCH_PROFILE_DIR?.trim() ? resolve(process.env.BENCH_PROFILE_DIR.trim()) : null;

const children: ServerChild[] = [];
let dataDir: string | null = null;
let cleaning: Promise<void> | null = null;
let interrupted = false;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.allSettled(children.map((c) => c.stop()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
}

// Last resort (an uncaught error, a second signal): no child and no data dir outlives the bench.
process.on('exit', () => {
  for (const c of children) c.killNow();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the servers and removing ${dataDir ?? 'nothing'}`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<boolean> {
  dataDir = mkdtempSync(join(tmpdir(), 'chat-api-bench-'));
  const started = await Promise.allSettled([
    startChild('baseline', './baseline.ts'),
    startChild('chat-api', './target.ts', { BENCH_DATA_DIR: dataDir }, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ]);
  for (const s of started) if (s.status === 'fulfilled') children.push(s.value);
  for (const s of started) if (s.status === 'rejected') throw s.reason;
  const [baseline, target] = children as [ServerChild, ServerChild];

  console.log(`chat-api bench: node ${process.version}, ${availableParallelism()} cores, ${options.connections} connections, ` +
    `${options.seconds} s per run after ${options.warmupSeconds} s warm-up; baseline measured right before each scenario`);
  console.log(`baseline ${baseline.url}, chat-api ${target.url} (SQLite in ${dataDir}, rate limits off, logs silent)`);

  const seeded = await seed(target.url, seededMessages);
  console.log(`seeded 4 users, a direct conversation of ${seededMessages} messages, a group with receipts and a delete\n`);

  const sendAuth = { authorization: `Bearer ${seeded.sender.token}` };
  const readAuth = { authorization: `Bearer ${seeded.reader.token}` };
  const prefix = `bench-${process.pid}-${Date.now().toString(36)}-`;
  let counter = 0;
  const scenarios: Scenario[] = [
    {
      name: 'POST /v1/messages',
      server: target,
      method: 'POST',
      path: '/v1/messages',
      headers: sendAuth,
      // A unique clientId per request, or the server would answer repeats from its idempotency check.
      body: () => JSON.stringify({ conversationId: seeded.directConversationId, body: 'benchmark message', clientId: prefix + String(++counter) }),
    },
    {
      name: 'GET history ?limit=50',
      server: target,
      method: 'GET',
      path: `/v1/conversations/${encodeURIComponent(seeded.directConversationId)}/messages?limit=50`,
      headers: readAuth,
    },
    { name: 'GET /v1/sync?limit=100', server: target, method: 'GET', path: '/v1/sync?limit=100', headers: readAuth },
  ];

  // The baseline right before each scenario: on a shared 2-core machine it drifts
  // by tens of percent within a minute, so each ratio compares like with like.
  const pairs: Pair[] = [];
  for (const scenario of scenarios) {
    const baselineRun = await measure({ name: 'node:http GET (baseline)', server: baseline, method: 'GET', path: '/' }, options);
    pairs.push({ baseline: baselineRun, scenario: await measure(scenario, options) });
  }

  printReport(pairs);
  if (profileDir) console.log(`\nCPU profile of the chat server (all scenarios): written to ${profileDir} when it exits`);
  return !failed(pairs.flatMap((p) => [p.baseline, p.scenario]));
}

let ok = false;
try {
  ok = await main();
  if (!ok) console.error('\nFAILED: a run saw errors or non-2xx answers');
} catch (err) {
  if (!interrupted) console.error('bench failed:', err);
} finally {
  await cleanup();
}
process.exit(interrupted ? 130 : ok ? 0 : 1);
