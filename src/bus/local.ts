// The in-process broker: one server, no network. Delivery is synchronous, in
// publish order, which is commit order - the order streams must keep. The
// Redis bus delivers to its own process's subscribers through one of these.
import type { BusMessage, EventBus, Revocation } from '../domain/ports/index.js';
import { Listeners } from './listeners.js';

export class LocalBus implements EventBus {
  private subscribers = new Map<string, Listeners<[BusMessage]>>();
  private revocations = new Listeners<[Revocation]>();
  private gaps = new Listeners<[string | undefined]>();

  publish(messages: BusMessage[]): void {
    for (const m of messages) this.subscribers.get(m.userId)?.call(m);
  }

  subscribe(userId: string, handler: (m: BusMessage) => void): () => void {
    let handlers = this.subscribers.get(userId);
    if (!handlers) this.subscribers.set(userId, (handlers = new Listeners()));
    const remove = handlers.add(handler);
    return () => {
      remove();
      if (handlers.size === 0 && this.subscribers.get(userId) === handlers) this.subscribers.delete(userId);
    };
  }

  /** Whether any handler of `userId` is subscribed here. */
  has(userId: string): boolean {
    return this.subscribers.has(userId);
  }

  /** Nothing is ever lost in one process; the Redis bus calls this when something may have been. */
  onGap(listener: (userId?: string) => void): () => void {
    return this.gaps.add(listener);
  }

  gap(userId?: string): void {
    this.gaps.call(userId);
  }

  revoke(revocation: Revocation): void {
    this.revocations.call(revocation);
  }

  onRevoke(listener: (revocation: Revocation) => void): () => void {
    return this.revocations.add(listener);
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    this.revocations.clear();
    this.gaps.clear();
  }
}
