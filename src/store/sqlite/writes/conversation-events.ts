// The events of a group change, written in the change's transaction:
// `conversation.updated` carries the group as each member sees it (their own
// unread count), `conversation.removed` tells whoever is no longer in it.
import type { Conversation } from '../../../contract/index.js';
import type { Delivery } from '../../../domain/ports/index.js';
import type { Db } from '../database.js';
import { NOT_EXPIRED } from '../../rows.js';
import type { AppendEvent } from './feed.js';

export function conversationEvents(db: Db, appendEvent: AppendEvent) {
  const q = {
    group: db.prepare('SELECT id, kind, title FROM conversations WHERE id = ?'),
    // The same order as the conversation reads list members in.
    members: db.prepare('SELECT u.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.conversation_id = ? ORDER BY m.joined_at, u.name'),
    unread: db
      .prepare(
        `SELECT count(*) FROM messages m JOIN members me ON me.conversation_id = m.conversation_id AND me.user_id = ?
         WHERE m.conversation_id = ? AND m.seq > me.last_read_seq AND m.sender_id <> me.user_id AND ${NOT_EXPIRED}`,
      )
      .pluck(),
  };

  return {
    /** `conversation.updated` to every member as the group now stands. */
    updated(conversationId: string, now: number, expiresAt: number | null): Delivery[] {
      const group = q.group.get(conversationId) as { id: string; kind: 'direct' | 'group'; title: string | null };
      const members = q.members.all(conversationId) as { id: string; name: string }[];
      // Accounts in id order, as every append takes them (no two writes wait on each other's heads).
      return members
        .map((m) => m.id)
        .sort()
        .flatMap((userId) => {
          const conversation: Conversation = { ...group, members, lastMessage: null, unread: q.unread.get(userId, conversationId, now) as number };
          return appendEvent([userId], { type: 'conversation.updated', conversation }, now, expiresAt);
        });
    },
    /** `conversation.removed` to one who left or was removed. */
    removed(conversationId: string, userId: string, now: number, expiresAt: number | null): Delivery[] {
      return appendEvent([userId], { type: 'conversation.removed', conversationId }, now, expiresAt);
    },
  };
}
