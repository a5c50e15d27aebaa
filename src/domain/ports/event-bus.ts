// Carries events from the process that committed them to every process
// holding streams. It may lose messages (the feed never does: a stream that
// sees a gap reads it from the store), and says so when it may have.
import type { StreamEvent } from '../../contract/index.js';

/** A message on the bus: an event for every open stream of one account, or of one of its devices. */
export interface BusMessage {
  userId: string;
  /** When set, only this device's streams get it. */
  deviceId?: string;
  event: StreamEvent;
}

/** Sessions every process must forget at once: these devices of the account, or (no deviceIds) all of them. */
export interface Revocation {
  userId: string;
  deviceIds?: string[];
}

export interface EventBus {
  /**
   * Publishes after commit. A subscriber of an account receives that account's
   * messages in publish order; nothing is promised across accounts. Never
   * throws and never waits, even while the broker is away.
   */
  publish(messages: BusMessage[]): void;
  /** Calls `handler` for every message addressed to `userId`; returns the unsubscribe (idempotent). */
  subscribe(userId: string, handler: (m: BusMessage) => void): () => void;
  /**
   * Calls `listener` when messages may have been lost: the broker came back
   * after an outage (userId undefined: any account's), or a subscription of
   * `userId` has just become active on the broker, so what was published
   * before it was not heard. Whoever holds streams then reads from the feed
   * what they may have missed. Returns the unsubscribe.
   */
  onGap(listener: (userId?: string) => void): () => void;
  /** Tells every process, this one included, to forget these sessions (best effort: a cache's short lifetime bounds a lost one). */
  revoke(revocation: Revocation): void;
  /** Calls `listener` for every revocation from any process; returns the unsubscribe. */
  onRevoke(listener: (revocation: Revocation) => void): () => void;
  /** Drops every subscription; nothing is delivered after it resolves. */
  close(): Promise<void>;
}
