// Send-to-receive latency at a steady rate: a paced sender issues messages
// round-robin over the rooms (pair conversations); every receiving socket stamps
// the arrival with performance.now() of this same process and subtracts the time
// the message was issued. Every delivery is a sample (a message reaches the 20
// streams of its pair's 2 x 10 devices: the sender's devices get it too).
import { ClientPool, readSeq } from './stream-clients.js';
import { summarize, type Summary } from './stats.js';
import type { ServerChild } from './children.js';

/** Issues message `seq` to `room`; calls `done` once the server accepted it (or failed). */
export type Issue = (seq: number, room: number, done: (ok: boolean) => void) => void;

export interface PacedOptions {
  name: string;
  server: ServerChild;
  receivers: ClientPool;
  /** Receiving sockets per room. */
  roomSizes: number[];
  rate: number;
  seconds: number;
  warmupSeconds: number;
  /** Most sends waiting for an answer; a slot that finds this many is skipped (and counted). */
  maxInFlight: number;
  issue: Issue;
}

export interface PacedResult {
  name: string;
  latency: Summary;
  /** Messages issued and accepted per second of the measured window. */
  sentPerSecond: number;
  issued: number;
  accepted: number;
  failedSends: number;
  /** Schedule slots not used because the sender lagged or too many sends were waiting. */
  skipped: number;
  delivered: number;
  expected: number;
  /** The worst latency of the messages sent in each second of the measured window: stalls vs steady state. */
  maxPerSecond: number[];
  serverCpu: number;
  /** Server event loop busy (not idle waiting for I/O), % of the wall time. */
  serverLoopBusy: number;
  /** This process (senders and receivers), % of one core. */
  clientCpu: number;
  problems: string[];
}

const DRAIN_TIMEOUT_MS = 10_000;
/** A sender further behind its schedule than this skips slots instead of bursting to catch up. */
const MAX_LAG_MS = 50;

export async function runPaced(o: PacedOptions): Promise<PacedResult> {
  const capacity = Math.ceil(o.rate * (o.seconds + o.warmupSeconds) * 1.1) + 1000;
  const sentAt = new Float64Array(capacity);
  const roomOf = new Uint32Array(capacity);
  const counts = new Uint16Array(capacity);
  const samples = new Float64Array(capacity * Math.max(...o.roomSizes));
  let sampleCount = 0;
  let firstMeasured = Number.MAX_SAFE_INTEGER;
  let delivered = 0;
  let duplicates = 0;
  const maxPerSecond = new Array<number>(Math.ceil(o.seconds)).fill(0);
  const start = performance.now();
  const measureFrom = start + o.warmupSeconds * 1000;
  const end = measureFrom + o.seconds * 1000;

  o.receivers.onFrame = (data) => {
    const seq = readSeq(data);
    if (seq < 0) return;
    const at = performance.now();
    delivered++;
    if (++counts[seq]! > o.roomSizes[roomOf[seq]!]!) duplicates++;
    if (seq >= firstMeasured) {
      const latency = at - sentAt[seq]!;
      samples[sampleCount++] = latency;
      const second = Math.floor((sentAt[seq]! - measureFrom) / 1000);
      if (second < maxPerSecond.length && latency > maxPerSecond[second]!) maxPerSecond[second] = latency;
    }
  };

  let seq = 0;
  let slot = 0;
  let inFlight = 0;
  let accepted = 0;
  let acceptedMeasured = 0;
  let failedSends = 0;
  let skipped = 0;
  let cpuProbe: Promise<{ cpuMs: number; loopActiveMs: number }> | null = null;
  let clientCpuFrom = process.cpuUsage();
  let cpuFrom = 0;

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (now >= measureFrom && firstMeasured === Number.MAX_SAFE_INTEGER) {
        firstMeasured = seq;
        cpuProbe = o.server.usage();
        cpuFrom = now;
        clientCpuFrom = process.cpuUsage();
      }
      const due = Math.floor(((Math.min(now, end) - start) * o.rate) / 1000);
      const lagSlots = (MAX_LAG_MS * o.rate) / 1000;
      for (; slot < due; slot++) {
        if (due - slot > lagSlots || inFlight >= o.maxInFlight || seq >= capacity) {
          skipped++;
          continue;
        }
        const s = seq++;
        const room = s % o.roomSizes.length;
        const measured = s >= firstMeasured;
        roomOf[s] = room;
        inFlight++;
        sentAt[s] = performance.now();
        o.issue(s, room, (ok) => {
          inFlight--;
          if (!ok) failedSends++;
          else {
            accepted++;
            if (measured) acceptedMeasured++;
          }
        });
      }
      if (now >= end) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const before = await (cpuProbe ?? o.server.usage());

  let expected = 0;
  for (let s = 0; s < seq; s++) expected += o.roomSizes[roomOf[s]!]!;
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while ((inFlight > 0 || delivered < expected) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const after = await o.server.usage();
  const client = process.cpuUsage(clientCpuFrom);
  const wallMs = performance.now() - (cpuFrom || measureFrom);

  const problems = [...o.receivers.problems];
  if (failedSends > 0) problems.push(`${o.name}: ${failedSends} sends failed`);
  if (inFlight > 0) problems.push(`${o.name}: ${inFlight} sends still unanswered after ${DRAIN_TIMEOUT_MS} ms`);
  if (delivered < expected) problems.push(`${o.name}: ${expected - delivered} of ${expected} deliveries lost (not received within ${DRAIN_TIMEOUT_MS} ms of the last send)`);
  if (duplicates > 0) problems.push(`${o.name}: ${duplicates} deliveries repeated`);
  return {
    name: o.name,
    latency: summarize(samples.subarray(0, sampleCount)),
    maxPerSecond,
    sentPerSecond: acceptedMeasured / o.seconds,
    issued: seq,
    accepted,
    failedSends,
    skipped,
    delivered,
    expected,
    serverCpu: ((after.cpuMs - before.cpuMs) / wallMs) * 100,
    serverLoopBusy: ((after.loopActiveMs - before.loopActiveMs) / wallMs) * 100,
    clientCpu: ((client.user + client.system) / 1000 / wallMs) * 100,
    problems,
  };
}
