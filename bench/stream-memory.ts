// Memory per idle stream: the server child's RSS (after a full GC) before and
// after `specs.length` idle sockets are opened, divided by their number.
import type { ServerChild, MemoryReading } from './children.js';
import { ClientPool, sleep, type ClientSpec } from './stream-clients.js';

export interface MemoryResult {
  name: string;
  streams: number;
  before: MemoryReading;
  after: MemoryReading;
  rssPerStream: number;
  heapPerStream: number;
  openSeconds: number;
  problems: string[];
}

const OPEN_CONCURRENCY = 100;
const SETTLE_MS = 1000;

/**
 * `warmup` sockets are opened and closed first, so the "before" reading already
 * holds the code and caches a first connection brings in (both servers alike).
 */
export async function runMemory(name: string, server: ServerChild, specs: ClientSpec[], waitForReady: boolean, warmup: number): Promise<MemoryResult> {
  const warm = new ClientPool(`${name} warm-up`, waitForReady);
  await warm.open(specs.slice(0, warmup), OPEN_CONCURRENCY);
  await warm.closeAll();
  await sleep(SETTLE_MS);
  const before = await server.memory();

  const pool = new ClientPool(name, waitForReady);
  const opening = performance.now();
  try {
    await pool.open(specs, OPEN_CONCURRENCY);
    const openSeconds = (performance.now() - opening) / 1000;
    // Presence announcements and the like settle; then the streams are idle.
    await sleep(SETTLE_MS);
    const after = await server.memory();
    return {
      name,
      streams: pool.size,
      before,
      after,
      rssPerStream: (after.rss - before.rss) / pool.size,
      heapPerStream: (after.heapUsed - before.heapUsed) / pool.size,
      openSeconds,
      problems: [...warm.problems, ...pool.problems],
    };
  } finally {
    await pool.closeAll();
  }
}
