// Presence: a user is online while any of their devices holds a stream, on any
// instance. Going offline is announced only after a grace period, so a
// reconnect does not flap. Announcements go to everyone who shares a
// conversation with the user. With several instances the registry says who
// holds a stream anywhere: the instance whose stream made the user first
// online anywhere announces it, and the one whose stream was the last anywhere
// announces offline. When the registry does not answer, this instance decides
// from its own streams, as on one instance.
import type { EventBus, PresenceRegistry, Store } from '../../domain/ports/index.js';
import type { Hub } from '../../bus/hub.js';

export interface PresenceDeps {
  hub: Hub;
  bus: EventBus;
  store: Store;
  graceMs: number;
  /** Who holds streams on other instances; none on a single instance. */
  registry?: PresenceRegistry;
  onError(err: unknown): void;
}

export class Presence {
  private offlineTimers = new Map<string, NodeJS.Timeout>();

  constructor(private deps: PresenceDeps) {
    deps.hub.listener = {
      firstStream: (userId) => this.online(userId),
      lastStream: (userId) => this.scheduleOffline(userId),
    };
  }

  /** Online by this instance's streams (or within their grace period). */
  isOnline(userId: string): boolean {
    return this.deps.hub.streamsOf(userId) > 0 || this.offlineTimers.has(userId);
  }

  /** The contacts of `userId` who are online now, on any instance: sent to a stream when it opens. */
  async onlineContacts(userId: string): Promise<string[]> {
    const contacts = await this.deps.store.conversations.contactIds(userId);
    const elsewhere = await this.elsewhere(contacts);
    return contacts.filter((id) => this.isOnline(id) || elsewhere.has(id));
  }

  stop(): void {
    for (const timer of this.offlineTimers.values()) clearTimeout(timer);
    this.offlineTimers.clear();
  }

  private async elsewhere(userIds: string[]): Promise<Set<string>> {
    if (!this.deps.registry || userIds.length === 0) return new Set();
    try {
      return await this.deps.registry.online(userIds);
    } catch (err) {
      this.deps.onError(err);
      return new Set();
    }
  }

  private online(userId: string): void {
    const pending = this.offlineTimers.get(userId);
    if (pending) {
      clearTimeout(pending); // back within the grace period: they never went offline
      this.offlineTimers.delete(userId);
      return;
    }
    this.decide(userId, true, this.deps.registry?.join(userId));
  }

  private scheduleOffline(userId: string): void {
    const timer = setTimeout(() => {
      this.offlineTimers.delete(userId);
      if (this.deps.hub.streamsOf(userId) === 0) this.decide(userId, false, this.deps.registry?.leave(userId));
    }, this.deps.graceMs);
    timer.unref();
    this.offlineTimers.set(userId, timer);
  }

  /** Announces the change unless the registry says another instance already holds (or still holds) a stream of the user. */
  private decide(userId: string, online: boolean, anywhere: Promise<boolean> | undefined): void {
    if (!anywhere) return this.announce(userId, online);
    anywhere.then(
      (changed) => changed && this.announce(userId, online),
      (err: unknown) => {
        this.deps.onError(err);
        this.announce(userId, online);
      },
    );
  }

  private announce(userId: string, online: boolean): void {
    this.deps.store.conversations.contactIds(userId).then(
      (contacts) => this.deps.bus.publish(contacts.map((to) => ({ userId: to, event: { type: 'presence' as const, userId, online } }))),
      this.deps.onError,
    );
  }
}
