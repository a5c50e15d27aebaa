// Presence: a user is online while any of their devices holds a stream. Going
// offline is announced only after a grace period, so a reconnect does not flap.
// Announcements go to everyone who shares a conversation with the user.
import type { EventBus, Store } from '../../domain/ports.js';
import type { Hub } from '../../bus/hub.js';

export class Presence {
  private offlineTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private deps: { hub: Hub; bus: EventBus; store: Store; graceMs: number; onError(err: unknown): void },
  ) {
    deps.hub.listener = {
      firstStream: (userId) => this.online(userId),
      lastStream: (userId) => this.scheduleOffline(userId),
    };
  }

  isOnline(userId: string): boolean {
    return this.deps.hub.streamsOf(userId) > 0 || this.offlineTimers.has(userId);
  }

  /** The contacts of `userId` who are online now: sent to a stream when it opens. */
  async onlineContacts(userId: string): Promise<string[]> {
    const contacts = await this.deps.store.contactIds(userId);
    return contacts.filter((id) => this.isOnline(id));
  }

  stop(): void {
    for (const timer of this.offlineTimers.values()) clearTimeout(timer);
    this.offlineTimers.clear();
  }

  private online(userId: string): void {
    const pending = this.offlineTimers.get(userId);
    if (pending) {
      clearTimeout(pending); // back within the grace period: they never went offline
      this.offlineTimers.delete(userId);
      return;
    }
    this.announce(userId, true);
  }

  private scheduleOffline(userId: string): void {
    const timer = setTimeout(() => {
      this.offlineTimers.delete(userId);
      if (this.deps.hub.streamsOf(userId) === 0) this.announce(userId, false);
    }, this.deps.graceMs);
    timer.unref();
    this.offlineTimers.set(userId, timer);
  }

  private announce(userId: string, online: boolean): void {
    this.deps.store.contactIds(userId).then(
      (contacts) => this.deps.bus.publish(contacts.map((to) => ({ userId: to, event: { type: 'presence' as const, userId, online } }))),
      this.deps.onError,
    );
  }
}
