// Writes feed events, one row per recipient account, inside the caller's write
// transaction; shared by the writes that tell members about a message.
import type { FeedEvent } from '../../contract/index.js';
import { encodeCursor } from '../../domain/cursor.js';
import type { Delivery } from '../../domain/ports.js';
import type { Db } from './database.js';

export type FanOut = (
  memberIds: string[],
  type: FeedEvent['type'],
  conversationId: string,
  messageId: string,
  actorId: string | null,
  now: number,
  build: (cursor: string) => FeedEvent,
) => Delivery[];

/** A fanOut on `db`: writes one event per member and returns what to publish after commit. */
export function fanOutOn(db: Db): FanOut {
  const insertEvent = db
    .prepare('INSERT INTO events (user_id, type, conversation_id, message_id, actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq')
    .pluck();
  return (memberIds, type, conversationId, messageId, actorId, now, build) =>
    memberIds.map((userId) => {
      const seq = insertEvent.get(userId, type, conversationId, messageId, actorId, now) as number;
      return { userId, event: build(encodeCursor(seq)) };
    });
}
