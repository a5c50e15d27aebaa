// Message retention: the TTL stamped on each message at send time (so reads can
// hide expired messages exactly), and the background purge that deletes them.
import type { Clock, JobLock, Store, Telemetry } from './ports/index.js';

export interface RetentionOptions {
  /** 0 keeps messages forever. */
  ttlMs: number;
  purgeIntervalMs: number;
  batchSize?: number;
}

export interface Logger {
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export class Retention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    /** `lock`: with several instances, the purge runs on one at a time (the others skip that round). */
    private deps: { store: Store; clock: Clock; telemetry: Telemetry; log?: Logger; lock?: JobLock },
    private options: RetentionOptions,
  ) {}

  /** The logger exists only once the app is built, after the services it is built from. */
  setLogger(log: Logger): void {
    this.deps.log = log;
  }

  expiresAt(sentAt: number): number | null {
    return this.options.ttlMs > 0 ? sentAt + this.options.ttlMs : null;
  }

  /**
   * Deletes every message expired by now, batch by batch, yielding between
   * batches; resolves to how many (0 when another instance is purging).
   */
  purgeNow(): Promise<number> {
    this.running ??= this.purgeAlone().finally(() => (this.running = undefined));
    return this.running;
  }

  start(): void {
    if (this.options.ttlMs <= 0 || this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => {
      this.purgeNow().catch((err: unknown) => this.deps.log?.error({ err }, 'purge failed'));
    }, this.options.purgeIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async purgeAlone(): Promise<number> {
    const { lock } = this.deps;
    return lock ? ((await lock.runAlone('purge', () => this.purgeAll())) ?? 0) : this.purgeAll();
  }

  private async purgeAll(): Promise<number> {
    const batch = this.options.batchSize ?? 1000;
    let total = 0;
    for (;;) {
      const n = await this.deps.store.retention.purgeExpired(this.deps.clock.now(), batch);
      total += n;
      if (n > 0) this.deps.telemetry.purged(n);
      if (n < batch || this.stopped) break;
      await new Promise((resolve) => setImmediate(resolve)); // let requests in between batches
    }
    if (total > 0) this.deps.log?.info({ purged: total }, 'purged expired messages');
    // Group changes' events carry the same TTL; they go in batches too, after the messages.
    let events = 0;
    for (;;) {
      const n = await this.deps.store.retention.purgeExpiredEvents(this.deps.clock.now(), batch);
      events += n;
      if (n < batch || this.stopped) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (events > 0) this.deps.log?.info({ purgedEvents: events }, 'purged expired group events');
    return total;
  }
}
