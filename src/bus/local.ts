// The in-process broker: one server, no network. Delivery is synchronous, in
// publish order, which is commit order - the order streams must keep.
import type { BusMessage, EventBus } from '../domain/ports.js';

export class LocalBus implements EventBus {
  private subscribers = new Map<string, Set<(m: BusMessage) => void>>();

  publish(messages: BusMessage[]): void {
    for (const m of messages) {
      const handlers = this.subscribers.get(m.userId);
      if (!handlers) continue;
      for (const handler of handlers) {
        try {
          handler(m);
        } catch {
          // One broken subscriber must not stop delivery to the others, nor fail the write that published.
        }
      }
    }
  }

  subscribe(userId: string, handler: (m: BusMessage) => void): () => void {
    let handlers = this.subscribers.get(userId);
    if (!handlers) this.subscribers.set(userId, (handlers = new Set()));
    handlers.add(handler);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.subscribers.get(userId) === handlers) this.subscribers.delete(userId);
    };
  }

  async close(): Promise<void> {
    this.subscribers.clear();
  }
}
