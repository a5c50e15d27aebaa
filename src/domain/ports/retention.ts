// What the purge job needs of a store.

export interface RetentionStore {
  /** Deletes up to `limit` messages expired at `now`, with their events; returns how many. */
  purgeExpired(now: number, limit: number): Promise<number>;
  /** Deletes up to `limit` feed events about no message (group changes) whose time ran out at `now`; returns how many. */
  purgeExpiredEvents(now: number, limit: number): Promise<number>;
}
