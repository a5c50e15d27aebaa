// This process's subscribers: user id -> open streams. The bus carries events
// between processes; the hub hands each one to the streams of its user here,
// without scanning every socket. It subscribes to a user on the bus when the
// user's first stream opens and unsubscribes when the last one closes.
import type { BusMessage, EventBus } from '../domain/ports.js';

export interface StreamSink {
  readonly userId: string;
  readonly deviceId: string;
  deliver(message: BusMessage): void;
}

export interface HubListener {
  /** The user's first stream in this process opened. */
  firstStream?(userId: string): void;
  /** The user's last stream in this process closed. */
  lastStream?(userId: string): void;
}

export class Hub {
  private byUser = new Map<string, { sinks: Set<StreamSink>; unsubscribe: () => void }>();
  private total = 0;
  listener: HubListener = {};

  constructor(
    private bus: EventBus,
    private maxPerUser: number,
  ) {}

  /** Adds a stream; false when the user already holds the most streams allowed. */
  add(sink: StreamSink): boolean {
    let entry = this.byUser.get(sink.userId);
    if (entry && entry.sinks.size >= this.maxPerUser) return false;
    const first = !entry;
    if (!entry) {
      const sinks = new Set<StreamSink>();
      const unsubscribe = this.bus.subscribe(sink.userId, (m) => {
        for (const s of sinks) s.deliver(m);
      });
      entry = { sinks, unsubscribe };
      this.byUser.set(sink.userId, entry);
    }
    entry.sinks.add(sink);
    this.total++;
    if (first) this.listener.firstStream?.(sink.userId);
    return true;
  }

  remove(sink: StreamSink): void {
    const entry = this.byUser.get(sink.userId);
    if (!entry || !entry.sinks.delete(sink)) return;
    this.total--;
    if (entry.sinks.size === 0) {
      entry.unsubscribe();
      this.byUser.delete(sink.userId);
      this.listener.lastStream?.(sink.userId);
    }
  }

  streamsOf(userId: string): number {
    return this.byUser.get(userId)?.sinks.size ?? 0;
  }

  get size(): number {
    return this.total;
  }

  all(): StreamSink[] {
    return [...this.byUser.values()].flatMap((e) => [...e.sinks]);
  }
}
