// Messages between the bench (parent) and a server child over the IPC channel.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** Child -> parent. */
export type ChildMessage =
  | { type: 'ready'; url: string; details?: Record<string, string> }
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

/**
 * Runs a bare baseline server as a bench child: answers probes, stops on SIGTERM,
 * SIGINT or the bench going away, and reports its URL once it listens.
 */
export function serveBaseline(server: Server, beforeStop: () => void = () => {}): void {
  const stop = () => {
    beforeStop();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop); // the bench died: do not outlive it
  answerCpuProbes();
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    send({ type: 'ready', url: `http://127.0.0.1:${port}` });
  });
}
