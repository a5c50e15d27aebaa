// The per-account event feed on SQLite (read side; events are written by the
// writes that make them, in their transaction, see writes/feed.ts).
import { decodeEvent } from '../../domain/events.js';
import type { FeedQuery, FeedStore } from '../../domain/ports/index.js';
import { translated } from '../errors.js';
import type { Db } from './database.js';

interface FeedRow {
  position: number;
  type: string;
  payload: string;
}

export function sqliteFeed(db: Db): FeedStore {
  const q = {
    events: db.prepare(
      `SELECT position, type, payload FROM feed
       WHERE user_id = ? AND position > ? AND position < ? AND (expires_at IS NULL OR expires_at > ?)
       ORDER BY position LIMIT ?`,
    ),
    head: db.prepare('SELECT feed_head FROM users WHERE id = ?').pluck(),
  };

  return {
    read: translated(({ userId, after, before, limit, now }: FeedQuery) => {
      const rows = q.events.all(userId, after, before ?? Number.MAX_SAFE_INTEGER, now, limit + 1) as FeedRow[];
      const hasMore = rows.length > limit;
      const page = rows.slice(0, limit);
      const events = page.map((r) => decodeEvent(r.type, r.payload, r.position));
      return { events, last: page.length ? page[page.length - 1]!.position : after, hasMore };
    }),
    head: translated((userId: string) => (q.head.get(userId) as number | undefined) ?? 0),
  };
}
