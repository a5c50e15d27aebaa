// Messages between the bench (parent) and a server child over the IPC channel.
import { performance } from 'node:perf_hooks';

/** Child -> parent. */
export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'cpu'; id: number; userMicros: number; systemMicros: number; loopActiveMs: number }
  | { type: 'mem'; id: number; rss: number; heapUsed: number; external: number; gc: boolean };

/** Parent -> child. */
export type ParentMessage = { type: 'cpu'; id: number } | { type: 'mem'; id: number };

/**
 * Answers the parent's probes: CPU time (so the bench can tell a CPU-bound server
 * from one waiting on disk) and memory, after a full GC when the child was started
 * with --expose-gc (so the reading holds live memory, not garbage not yet collected).
 */
export function answerCpuProbes(): void {
  process.on('message', (raw: unknown) => {
    const msg = raw as ParentMessage;
    if (msg?.type === 'cpu') {
      const usage = process.cpuUsage();
      // Event-loop busy time counts what CPU time does not: a synchronous fsync blocks the loop off-CPU.
      const loopActiveMs = performance.eventLoopUtilization().active;
      send({ type: 'cpu', id: msg.id, userMicros: usage.user, systemMicros: usage.system, loopActiveMs });
    } else if (msg?.type === 'mem') {
      const gc = (globalThis as { gc?: () => void }).gc;
      // Twice: the first pass may only queue finalizers (weak maps, sockets) that the second frees.
      gc?.();
      gc?.();
      const m = process.memoryUsage();
      send({ type: 'mem', id: msg.id, rss: m.rss, heapUsed: m.heapUsed, external: m.external, gc: gc !== undefined });
    }
  });
}

export function send(msg: ChildMessage): void {
  process.send?.(msg);
}
