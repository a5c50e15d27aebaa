// Cross-instance delivery (BENCH_STORE=postgres): a second chat server, B, on the
// same database and Redis as the measured one, A. Paced sends go through A; the
// same streams are open first on A (same-instance delivery, the in-run baseline)
// and then on B, where every event has come through Redis. The bare ws server at
// the same scale runs first, as in the other latency figures.
import type { Launcher, ServerChild } from './children.js';
import type { PacedResult } from './stream-latency.js';
import { latencyBare, latencyChat, type LatencyScale } from './stream-latency-runs.js';
import type { StreamSeed } from './stream-seed.js';
import type { CommitFigures } from './store-commits.js';
import type { TargetStore } from './store.js';

export interface CrossOptions {
  rate: number;
  devices: number;
  seconds: number;
  warmupSeconds: number;
}

export interface CrossFigures {
  rate: number;
  devices: number;
  bare: PacedResult;
  /** Sends through A, streams on A. */
  same: PacedResult & { commits: CommitFigures };
  /** Sends through A, streams on B. */
  cross: PacedResult & { commits: CommitFigures };
}

export async function runCrossInstance(s: LatencyScale, launcher: Launcher, a: ServerChild, store: TargetStore, bare: ServerChild, seed: StreamSeed): Promise<CrossFigures> {
  // B runs as A does; it is up for both chat runs, so both see the same two servers on the machine.
  const [b] = await launcher.startAll([
    { name: 'chat-api (instance B)', file: './target.ts', env: store.env, nodeFlags: ['--expose-gc'] },
  ]) as [ServerChild];
  console.log(`cross-instance: ${s.rate} msg/s for ${s.warmupSeconds} + ${s.seconds} s over ${s.devices} streams, sends through A (${a.url}); ` +
    `streams on A, then on B (${b.url}), same database and Redis ...\n`);
  const bareRun = await latencyBare('bare ws (cross scale)', s, bare, seed);
  const same = await latencyChat('chat-api streams on A', s, a, a, seed);
  const cross = await latencyChat('chat-api streams on B', s, a, b, seed);
  return { rate: s.rate, devices: s.devices, bare: bareRun, same, cross };
}
