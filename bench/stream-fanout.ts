// Fan-out to one user's many devices: messages sent one after another; for each,
// the time from issuing it to the first and to the last of the receiving sockets
// getting it. The next message goes out once every socket has the previous one
// (and, for the chat server, its POST has been answered).
import type { ClientPool } from './stream-clients.js';
import { readSeq } from './stream-clients.js';
import { summarize, type Summary } from './stats.js';
import type { Issue } from './stream-latency.js';

export interface FanoutResult {
  name: string;
  first: Summary;
  last: Summary;
  messages: number;
  problems: string[];
}

const MESSAGE_TIMEOUT_MS = 5_000;

export async function runFanout(name: string, receivers: ClientPool, messages: number, warmup: number, issue: Issue): Promise<FanoutResult> {
  const first: number[] = [];
  const last: number[] = [];
  const problems: string[] = [];
  let current = -1;
  let sentAt = 0;
  let firstAt = 0;
  let lastAt = 0;
  let count = 0;
  let complete: (() => void) | null = null;
  let stray = 0;

  receivers.onFrame = (data) => {
    const seq = readSeq(data);
    if (seq < 0) return;
    if (seq !== current) {
      stray++;
      return;
    }
    const at = performance.now();
    if (count === 0) firstAt = at;
    if (++count === receivers.size) {
      lastAt = at;
      complete?.();
    } else if (count > receivers.size) stray++;
  };

  for (let seq = 0; seq < warmup + messages; seq++) {
    current = seq;
    count = 0;
    const delivered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), MESSAGE_TIMEOUT_MS);
      complete = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    const answered = new Promise<boolean>((resolve) => {
      sentAt = performance.now();
      issue(seq, 0, resolve);
    });
    const [ok, all] = await Promise.all([answered, delivered]);
    complete = null;
    if (!ok) problems.push(`${name}: message ${seq} was refused or failed`);
    if (!all) problems.push(`${name}: message ${seq} reached ${count} of ${receivers.size} sockets within ${MESSAGE_TIMEOUT_MS} ms`);
    if (!ok || !all) break;
    if (seq >= warmup) {
      first.push(firstAt - sentAt);
      last.push(lastAt - sentAt);
    }
  }
  if (stray > 0) problems.push(`${name}: ${stray} deliveries out of turn or repeated`);
  problems.push(...receivers.problems);
  return { name, first: summarize(first), last: summarize(last), messages: last.length, problems };
}
