// Messages between the bench (parent) and a server child over the IPC channel.

/** Child -> parent. */
export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'cpu'; id: number; userMicros: number; systemMicros: number };

/** Parent -> child. */
export type ParentMessage = { type: 'cpu'; id: number };

/** Answers the parent's CPU probes, so the bench can tell a CPU-bound server from one waiting on disk. */
export function answerCpuProbes(): void {
  process.on('message', (raw: unknown) => {
    const msg = raw as ParentMessage;
    if (msg?.type !== 'cpu') return;
    const usage = process.cpuUsage();
    send({ type: 'cpu', id: msg.id, userMicros: usage.user, systemMicros: usage.system });
  });
}

export function send(msg: ChildMessage): void {
  process.send?.(msg);
}
