// The per-account event feed behind sync and the stream's backlog.
import type { FeedEvent } from '../../contract/index.js';

/** One event for one account, ready to hand to that account's streams. */
export interface Delivery {
  userId: string;
  event: FeedEvent;
}

export interface EventPage {
  events: FeedEvent[];
  /** Position after the last event read (or the `after` given when nothing was read). */
  last: number;
  hasMore: boolean;
}

export interface FeedQuery {
  userId: string;
  /** Events after this position. */
  after: number;
  /** And before this one, when given: what a stream needs to fill a gap. */
  before?: number;
  limit: number;
  /** Events of messages expired by now are left out. */
  now: number;
}

export interface FeedStore {
  /** The account's retained events after `after`, in position order. */
  read(query: FeedQuery): Promise<EventPage>;
  /** The newest position of the account's feed (0 when none). */
  head(userId: string): Promise<number>;
}
