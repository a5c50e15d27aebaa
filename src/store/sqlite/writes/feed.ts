// Records feed events inside the caller's write transaction: one row per
// receiving account, numbered in that account's own feed, its payload as the
// domain's codec encodes it.
import { atPosition, encodeEvent, type FeedEventData } from '../../../domain/events.js';
import type { Delivery } from '../../../domain/ports/index.js';
import type { Db } from '../database.js';
import { feedRowKeys } from '../../feed-row.js';

export type AppendEvent = (recipientIds: readonly string[], event: FeedEventData, now: number, expiresAt?: number | null) => Delivery[];

/** An appendEvent on `db`: writes the event for every recipient and returns what to publish after commit. */
export function feedAppender(db: Db): AppendEvent {
  const q = {
    nextPosition: db.prepare('UPDATE users SET feed_head = feed_head + 1 WHERE id = ? RETURNING feed_head').pluck(),
    insert: db.prepare('INSERT INTO feed (user_id, position, type, payload, message_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  };
  return (recipientIds, event, now, eventExpiresAt = null) => {
    const { type, payload } = encodeEvent(event); // once, whatever the number of recipients
    const { messageId, expiresAt } = feedRowKeys(event, eventExpiresAt);
    // The accounts' heads are taken in one fixed order (by id), so two writes that reach
    // the same accounts cannot each hold one the other waits for (a store with row locks).
    return [...recipientIds].sort().map((userId) => {
      const position = q.nextPosition.get(userId) as number;
      q.insert.run(userId, position, type, payload, messageId, expiresAt, now);
      return { userId, event: atPosition(event, position) };
    });
  };
}
