// Message retention: the TTL stamped on each message at send time (so reads can
// hide expired messages exactly), and the background purge that deletes them.
import type { Clock, Store, Telemetry } from './ports.js';

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
    private deps: { store: Store; clock: Clock; telemetry: Telemetry; log?: Logger },
    private options: RetentionOptions,
  ) {}

  /** The logger exists only once the app is built, after the services it is built from. */
  setLogger(log: Logger): void {
    this.deps.log = log;
  }

  expiresAt(sentAt: number): number | null {
    return this.options.ttlMs > 0 ? sentAt + this.options.ttlMs : null;
  }

  /** Deletes every message expired by now, batch by batch, yielding between batches. */
  purgeNow(): Promise<number> {
    this.running ??= this.purgeAll().finally(() => (this.running = undefined));
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

  private async purgeAll(): Promise<number> {
    const batch = this.options.batchSize ?? 1000;
    let total = 0;
    for (;;) {
      const n = await this.deps.store.purgeExpired(this.deps.clock.now(), batch);
      total += n;
      if (n > 0) this.deps.telemetry.purged(n);
      if (n < batch || this.stopped) break;
      await new Promise((resolve) => setImmediate(resolve)); // let requests in between batches
    }
    if (total > 0) this.deps.log?.info({ purged: total }, 'purged expired messages');
    return total;
  }
}
