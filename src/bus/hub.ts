// This process's subscribers: user id -> open streams. The bus carries events
// between processes; the hub hands each one to the streams of its user here,
// without scanning every socket. It subscribes to a user on the bus when the
// user's first stream opens and unsubscribes when the last one closes. When
// the bus says it may have lost messages, the hub tells the streams concerned,
// which read what they missed from the feed.
import type { BusMessage, EventBus } from '../domain/ports/index.js';

export interface StreamSink {
  readonly userId: string;
  readonly deviceId: string;
  deliver(message: BusMessage): void;
  /** The bus may have lost messages for this stream: read the feed after the last position written. */
  mayHaveMissed(): void;
}

export interface HubListener {
  /** The user's first stream in this process opened. */
  firstStream?(userId: string): void;
  /** The user's last stream in this process closed. */
  lastStream?(userId: string): void;
}

export class Hub {
  private byUser = new Map<string, { sinks: Set<StreamSink>; unsubscribe: () => void }>();
  listener: HubListener = {};

  constructor(
    private bus: EventBus,
    private maxPerUser: number,
  ) {
    bus.onGap((userId) => {
      const entries = userId === undefined ? [...this.byUser.values()] : [this.byUser.get(userId)];
      for (const entry of entries) for (const sink of entry?.sinks ?? []) sink.mayHaveMissed();
    });
  }

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
    if (first) this.listener.firstStream?.(sink.userId);
    return true;
  }

  remove(sink: StreamSink): void {
    const entry = this.byUser.get(sink.userId);
    if (!entry || !entry.sinks.delete(sink)) return;
    if (entry.sinks.size === 0) {
      entry.unsubscribe();
      this.byUser.delete(sink.userId);
      this.listener.lastStream?.(sink.userId);
    }
  }

  streamsOf(userId: string): number {
    return this.byUser.get(userId)?.sinks.size ?? 0;
  }
}
