// The per-account event feed on PostgreSQL (read side; events are written by
// the writes that make them, in their transaction, see feed-append.ts).
import { decodeEvent } from '../../domain/events.js';
import type { FeedStore } from '../../domain/ports/index.js';
import { sql, type Db } from './db.js';

const q = {
  events: sql(`SELECT position, type, payload FROM feed
    WHERE user_id = $1 AND position > $2 AND position < $3 AND (expires_at IS NULL OR expires_at > $4)
    ORDER BY position LIMIT $5`),
  head: sql('SELECT feed_head FROM users WHERE id = $1'),
};

export function postgresFeed(db: Db): FeedStore {
  return {
    read: async ({ userId, after, before, limit, now }) => {
      const rows = await db.rows<{ position: number; type: string; payload: string }>(q.events, userId, after, before ?? Number.MAX_SAFE_INTEGER, now, limit + 1);
      const page = rows.slice(0, limit);
      const events = page.map((r) => decodeEvent(r.type, r.payload, r.position));
      return { events, last: page.length ? page[page.length - 1]!.position : after, hasMore: rows.length > limit };
    },
    head: async (userId) => (await db.rows<{ feed_head: number }>(q.head, userId))[0]?.feed_head ?? 0,
  };
}
