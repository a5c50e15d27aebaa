// The per-account event feed behind GET /v1/sync (and the stream's backlog).
import type { FeedEvent } from '../contract/index.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Clock, Session, Store } from './ports/index.js';

export class Sync {
  constructor(private deps: { store: Store; clock: Clock }) {}

  async page(session: Session, since: string | undefined, limit: number): Promise<{ events: FeedEvent[]; cursor: string; hasMore: boolean }> {
    const after = since === undefined ? 0 : decodeCursor(since);
    const page = await this.deps.store.feed.read({ userId: session.user.id, after, limit, now: this.deps.clock.now() });
    return { events: page.events, cursor: encodeCursor(page.last), hasMore: page.hasMore };
  }

  /** The position of "now": a client starting after it gets only what happens next. */
  head(session: Session): Promise<number> {
    return this.deps.store.feed.head(session.user.id);
  }
}
