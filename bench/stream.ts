// The stream half: GET /v1/stream beside a bare `ws` server (bench/ws-baseline.ts),
// both in child processes started with --expose-gc; every client and sender runs
// in this process, so send and receive times come from one clock. Order: memory
// per idle stream first (on fresh servers, before load has grown their heaps),
// then latency at a steady rate, then fan-out to one user's devices; the bare
// server runs right before the chat server in each. On PostgreSQL + Redis, then
// the cross-instance delivery scenario (bench/stream-cross.ts).
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import type { Launcher, ServerChild } from './children.js';
import { envInt, envNumber } from './env.js';
import { ClientPool, type ClientSpec } from './stream-clients.js';
import { runCrossInstance, type CrossOptions } from './stream-cross.js';
import { printCrossReport } from './stream-cross-report.js';
import { runFanout, type FanoutResult } from './stream-fanout.js';
import { bareSpec as bareRoomSpec, bareWsUrl, chatSpec as chatTokenSpec, chatStreamUrl, latencyBare, latencyChat, OPEN_CONCURRENCY } from './stream-latency-runs.js';
import { runMemory } from './stream-memory.js';
import { printStreamReport } from './stream-report.js';
import { seedStreams, type StreamSeed } from './stream-seed.js';
import { httpSender, wsSender } from './stream-send.js';

export interface StreamOptions {
  rate: number;
  devices: number;
  accounts: number;
  seconds: number;
  warmupSeconds: number;
  senders: number;
  streams: number;
  fanoutDevices: number;
  fanoutMessages: number;
  cross: CrossOptions;
}

const MAX_PER_ACCOUNT = 256; // API.md: the 257th stream of an account closes with 4429
const FANOUT_WARMUP = 20;

export function streamOptions(warmupSeconds: number): StreamOptions {
  const o: StreamOptions = {
    rate: envNumber('BENCH_RATE', 2000, 1),
    devices: envInt('BENCH_DEVICES', 1000, 2),
    accounts: envInt('BENCH_STREAM_ACCOUNTS', 100, 2),
    seconds: envNumber('BENCH_STREAM_SECONDS', 10, 1),
    warmupSeconds,
    senders: envInt('BENCH_STREAM_SENDERS', 64, 1),
    streams: envInt('BENCH_STREAMS', 10_000, 1),
    fanoutDevices: envInt('BENCH_FANOUT_DEVICES', 100, 1, MAX_PER_ACCOUNT),
    fanoutMessages: envInt('BENCH_FANOUT_MESSAGES', 200, 1),
    cross: {
      rate: envNumber('BENCH_CROSS_RATE', 500, 1),
      devices: envInt('BENCH_CROSS_DEVICES', 200, 2),
      seconds: envNumber('BENCH_CROSS_SECONDS', 5, 1),
      warmupSeconds: envNumber('BENCH_CROSS_WARMUP_SECONDS', 2, 0),
    },
  };
  if (o.accounts % 2 !== 0) throw new Error(`BENCH_STREAM_ACCOUNTS=${o.accounts}: expected an even number (accounts talk in pairs)`);
  const most = Math.max(o.streams, o.devices, o.cross.devices);
  if (most > o.accounts * MAX_PER_ACCOUNT) {
    throw new Error(`${most} streams over ${o.accounts} accounts is more than ${MAX_PER_ACCOUNT} per account: raise BENCH_STREAM_ACCOUNTS to ${Math.ceil(most / MAX_PER_ACCOUNT / 2) * 2} or more`);
  }
  return o;
}

/** The soft limit on open files of this process (children inherit it), or null if unknown. */
function openFileLimit(): number | null {
  try {
    const out = execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out);
  } catch {
    return null;
  }
}

export async function runStreamHalf(o: StreamOptions, launcher: Launcher): Promise<boolean> {
  // Each socket is a descriptor here and one in the server child; the pools never overlap.
  const needed = Math.max(o.streams, o.devices + o.senders, o.cross.devices + o.senders, o.fanoutDevices + 1) + 500;
  const limit = openFileLimit();
  if (limit !== null && limit < needed) {
    throw new Error(`the stream half needs about ${needed} open files per process, but ulimit -n is ${limit}: ` +
      `run \`ulimit -n ${needed}\` (up to the hard limit, \`ulimit -Hn\`) before npm run bench, or lower BENCH_STREAMS`);
  }
  const store = await launcher.store();
  const [bare, seeder] = await launcher.startAll([
    { name: 'ws baseline', file: './ws-baseline.ts', nodeFlags: ['--expose-gc'] },
    { name: 'chat-api (seeding)', file: './target.ts', env: store.env },
  ]) as [ServerChild, ServerChild];
  const started = performance.now();
  const seed = await seedStreams(seeder.url, o.accounts, o.fanoutDevices);
  // The measured server starts afresh on the seeded data: the seeding's argon2 hashes
  // (19 MiB each) leave freed memory that glibc keeps in RSS, and new streams would
  // fill that without growing RSS, understating their cost. Tokens live in the store.
  await seeder.stop();
  const [chat] = await launcher.startAll([
    { name: 'chat-api (stream)', file: './target.ts', env: store.env, nodeFlags: ['--expose-gc', ...launcher.profileFlags()] },
  ]) as [ServerChild];
  console.log(`chat-api bench, stream: node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}, ` +
    `open files limit ${limit ?? 'unknown'} (needs ~${needed})`);
  console.log(`bare ws ${bare.url}, chat-api ${chat.url} (${store.label}, rate limits off, logs silent, both with --expose-gc)`);
  console.log(`seeded ${o.accounts} accounts in ${o.accounts / 2} direct conversations, 1 account with ${o.fanoutDevices} devices ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s), then restarted the chat server on that data\n`);

  const chatWs = chatStreamUrl(chat);
  const bareWs = bareWsUrl(bare);
  const chatSpec = (account: number): ClientSpec => chatTokenSpec(chat, seed.tokens[account]!);
  const bareSpec = (room: string): ClientSpec => bareRoomSpec(bare, room);

  // 1. Memory: stream i belongs to account i % accounts (on the bare server: room i % accounts, as the hub keys by user).
  console.log(`memory: ${o.streams} idle streams over ${o.accounts} accounts ...`);
  const warm = Math.min(500, Math.ceil(o.streams / 10));
  const idle = Array.from({ length: o.streams }, (_, i) => i % o.accounts);
  const memory = {
    bare: await runMemory('bare ws idle', bare, idle.map((a) => bareSpec(`a${a}`)), false, warm),
    chat: await runMemory('chat-api idle', chat, idle.map((a) => chatSpec(a)), true, warm),
  };

  // 2. Latency: device i is a stream of account i % accounts; pair p = accounts 2p and 2p+1.
  console.log(`latency: ${o.rate} msg/s for ${o.warmupSeconds} + ${o.seconds} s over ${o.devices} streams ...`);
  const latency = {
    bare: await latencyBare('bare ws latency', o, bare, seed),
    chat: await latencyChat('chat-api latency', o, chat, chat, seed),
  };

  // 3. Fan-out: the devices of one account (bare: one room), one sender.
  console.log(`fan-out: ${o.fanoutMessages} messages one after another to ${o.fanoutDevices} devices ...\n`);
  const fanout = {
    bare: await fanoutBare(o, seed, bareSpec, bareWs),
    chat: await fanoutChat(o, chat, seed, chatWs),
  };

  // 4. Cross-instance delivery: only where a second instance can share the data.
  const cross = launcher.storeKind === 'postgres' ? await runCrossInstance({ ...o, ...o.cross }, launcher, chat, store, bare, seed) : null;

  // Other work on a shared machine shows up as outliers: say how busy it was.
  console.log(`load average (1 min) at the end: ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores\n`);
  printStreamReport({ store: launcher.storeKind, rate: o.rate, devices: o.devices, fanoutDevices: o.fanoutDevices, latency, memory, fanout });
  if (cross) printCrossReport(cross);
  const problems = [latency, memory, fanout].flatMap((pair) => [...pair.bare.problems, ...pair.chat.problems]);
  if (cross) problems.push(...[cross.bare, cross.same, cross.cross].flatMap((r) => r.problems));
  for (const p of problems) console.error(`problem: ${p}`);
  if (problems.length > 0) console.error('\nFAILED (stream): see the problems above');
  return problems.length === 0;
}

async function fanoutBare(o: StreamOptions, seed: StreamSeed, spec: (room: string) => ClientSpec, url: string): Promise<FanoutResult> {
  const receivers = new ClientPool('bare ws fan-out', false);
  const sender = new ClientPool('bare ws fan-out sender', false);
  try {
    await receivers.open(Array.from({ length: o.fanoutDevices }, () => spec('fan')), OPEN_CONCURRENCY);
    await sender.open([{ url }], 1);
    const result = await runFanout('bare ws fan-out', receivers, o.fanoutMessages, FANOUT_WARMUP, wsSender(sender.sockets, seed.sampleFrame, () => 'fan'));
    result.problems.push(...sender.problems);
    return result;
  } finally {
    await Promise.all([receivers.closeAll(), sender.closeAll()]);
  }
}

async function fanoutChat(o: StreamOptions, server: ServerChild, seed: StreamSeed, url: string): Promise<FanoutResult> {
  const receivers = new ClientPool('chat-api fan-out', true);
  const { senderToken, conversationId, deviceTokens } = seed.fanout;
  const sender = httpSender(server.url, 1, () => ({ token: senderToken, conversationId }));
  try {
    await receivers.open(deviceTokens.map((token) => ({ url, headers: { authorization: `Bearer ${token}` } })), OPEN_CONCURRENCY);
    return await runFanout('chat-api fan-out', receivers, o.fanoutMessages, FANOUT_WARMUP, sender.issue);
  } finally {
    sender.close();
    await receivers.closeAll();
  }
}
