// Sends, receipts, deletes, the event feed and the purge on SQLite.
// Every write records its events in the same transaction (one row per
// recipient account), so the feed and the data never disagree.
import type { FeedEvent } from '../../contract/index.js';
import { encodeCursor } from '../../domain/cursor.js';
import { AppError } from '../../domain/errors.js';
import type { Store } from '../../domain/ports.js';
import type { Db } from './database.js';
import { fanOutOn } from './fan-out.js';
import { MESSAGE_COLUMNS, NOT_EXPIRED, toMessage, type MessageRow } from './rows.js';
import type { ConversationQueries } from './conversations.js';
import type { WriteQueue } from './write-queue.js';

interface EventRow {
  e_seq: number;
  e_type: FeedEvent['type'];
  e_conversation_id: string;
  e_message_id: string;
  e_actor_id: string | null;
}

type MessageStore = Pick<Store, 'appendMessage' | 'markRead' | 'deleteMessage' | 'readEvents' | 'lastEventPosition' | 'purgeExpired' | 'legacyInbox'>;

export function sqliteMessages(db: Db, writes: WriteQueue, conversations: ConversationQueries): MessageStore {
  const q = {
    byClientId: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id WHERE m.device_id = ? AND m.client_id = ?`,
    ),
    forgetClientId: db.prepare('UPDATE messages SET client_id = NULL WHERE seq = ?'),
    directByKey: db.prepare('SELECT id FROM conversations WHERE direct_key = ?').pluck(),
    userExists: db.prepare('SELECT 1 FROM users WHERE id = ?').pluck(),
    insertConversation: db.prepare(
      "INSERT INTO conversations (id, kind, title, direct_key, creator_id, created_at, last_activity_at) VALUES (?, 'direct', NULL, ?, NULL, ?, ?)",
    ),
    insertMember: db.prepare('INSERT OR IGNORE INTO members (conversation_id, user_id, joined_at, last_read_seq) VALUES (?, ?, ?, 0)'),
    insertMessage: db.prepare(
      'INSERT INTO messages (id, conversation_id, sender_id, device_id, client_id, body, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq',
    ),
    senderName: db.prepare('SELECT name FROM users WHERE id = ?').pluck(),
    touchConversation: db.prepare('UPDATE conversations SET last_activity_at = ? WHERE id = ?'),
    readUpTo: db.prepare('UPDATE members SET last_read_seq = max(last_read_seq, ?) WHERE conversation_id = ? AND user_id = ?'),
    messageInConversation: db.prepare(`SELECT m.seq FROM messages m WHERE m.id = ? AND m.conversation_id = ? AND ${NOT_EXPIRED}`).pluck(),
    messageForDelete: db.prepare(`SELECT m.seq, m.conversation_id, m.sender_id FROM messages m WHERE m.id = ? AND ${NOT_EXPIRED}`),
    deleteMessage: db.prepare('DELETE FROM messages WHERE seq = ?'),
    deleteMessageEvents: db.prepare("DELETE FROM events WHERE message_id = ? AND type = 'message'"),
    events: db.prepare(
      // Event columns are aliased: the joined message has columns of the same names (NULL for other event types).
      `SELECT e.seq AS e_seq, e.type AS e_type, e.conversation_id AS e_conversation_id, e.message_id AS e_message_id, e.actor_id AS e_actor_id, ${MESSAGE_COLUMNS}
       FROM events e
       LEFT JOIN messages m ON e.type = 'message' AND m.id = e.message_id
       LEFT JOIN users s ON s.id = m.sender_id
       WHERE e.user_id = ? AND e.seq > ? AND (e.type <> 'message' OR (m.seq IS NOT NULL AND ${NOT_EXPIRED}))
       ORDER BY e.seq LIMIT ?`,
    ),
    lastEvent: db.prepare('SELECT coalesce(max(seq), 0) FROM events WHERE user_id = ?').pluck(),
    expired: db.prepare('SELECT seq, id FROM messages WHERE expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at LIMIT ?'),
    deleteEventsOf: db.prepare('DELETE FROM events WHERE message_id = ?'),
    legacyInbox: db.prepare(
      `SELECT s.name AS sender_name, m.body, m.created_at FROM members mb
       JOIN messages m ON m.conversation_id = mb.conversation_id
       JOIN users s ON s.id = m.sender_id
       JOIN conversations c ON c.id = m.conversation_id
       WHERE mb.user_id = ? AND (m.sender_id <> ? OR c.direct_key = ?) AND ${NOT_EXPIRED}
       ORDER BY m.seq`,
    ),
  };

  const fanOut = fanOutOn(db);

  const directKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

  return {
    appendMessage: (m) =>
      writes.run(() => {
        if (m.clientId !== null) {
          const seen = q.byClientId.get(m.deviceId, m.clientId) as MessageRow | undefined;
          if (seen && (seen.expires_at === null || seen.expires_at > m.now)) return { message: toMessage(seen), created: false, deliveries: [] };
          if (seen) q.forgetClientId.run(seen.seq); // expired: the id may be used afresh
        }
        let conversationId: string;
        if ('directWithUserId' in m.target) {
          const other = m.target.directWithUserId;
          const key = directKey(m.senderId, other);
          const existing = q.directByKey.get(key) as string | undefined;
          if (existing) {
            conversationId = existing;
          } else {
            if (!q.userExists.get(other)) throw new AppError('user_not_found', 'No such user');
            conversationId = m.newConversationId;
            q.insertConversation.run(conversationId, key, m.now, m.now);
            q.insertMember.run(conversationId, m.senderId, m.now);
            q.insertMember.run(conversationId, other, m.now);
          }
        } else {
          conversationId = conversations.requireMember(m.target.conversationId, m.senderId).id;
        }
        const { seq } = q.insertMessage.get(m.id, conversationId, m.senderId, m.deviceId, m.clientId, m.body, m.now, m.expiresAt) as { seq: number };
        q.touchConversation.run(m.now, conversationId);
        q.readUpTo.run(seq, conversationId, m.senderId); // what you send, you have read
        const message = toMessage({
          seq,
          id: m.id,
          conversation_id: conversationId,
          sender_id: m.senderId,
          sender_name: q.senderName.get(m.senderId) as string,
          client_id: m.clientId,
          body: m.body,
          created_at: m.now,
          expires_at: m.expiresAt,
        });
        const deliveries = fanOut(conversations.memberIds(conversationId), 'message', conversationId, m.id, m.senderId, m.now, (cursor) => ({ type: 'message', cursor, message }));
        return { message, created: true, deliveries };
      }),

    markRead: ({ conversationId, userId, messageId, now }) =>
      writes.run(() => {
        conversations.requireMember(conversationId, userId);
        const seq = q.messageInConversation.get(messageId, conversationId, now) as number | undefined;
        if (seq === undefined) throw new AppError('message_not_found', 'No such message in this conversation');
        q.readUpTo.run(seq, conversationId, userId);
        return fanOut(conversations.memberIds(conversationId), 'receipt', conversationId, messageId, userId, now, (cursor) => ({
          type: 'receipt',
          cursor,
          conversationId,
          userId,
          messageId,
        }));
      }),

    deleteMessage: ({ messageId, userId, now }) =>
      writes.run(() => {
        const row = q.messageForDelete.get(messageId, now) as { seq: number; conversation_id: string; sender_id: string } | undefined;
        if (!row) throw new AppError('message_not_found', 'No such message');
        conversations.requireMember(row.conversation_id, userId);
        if (row.sender_id !== userId) throw new AppError('forbidden', 'Only the sender can delete a message');
        q.deleteMessage.run(row.seq);
        q.deleteMessageEvents.run(messageId);
        const conversationId = row.conversation_id;
        return fanOut(conversations.memberIds(conversationId), 'message.deleted', conversationId, messageId, userId, now, (cursor) => ({
          type: 'message.deleted',
          cursor,
          conversationId,
          messageId,
        }));
      }),

    readEvents: async ({ userId, after, limit, now }) => {
      const rows = q.events.all(userId, after, now, limit + 1) as (EventRow & MessageRow)[];
      const hasMore = rows.length > limit;
      const page = rows.slice(0, limit);
      const events = page.map((r): FeedEvent => {
        const cursor = encodeCursor(r.e_seq);
        if (r.e_type === 'message') return { type: 'message', cursor, message: toMessage(r) };
        if (r.e_type === 'receipt') return { type: 'receipt', cursor, conversationId: r.e_conversation_id, userId: r.e_actor_id!, messageId: r.e_message_id };
        return { type: 'message.deleted', cursor, conversationId: r.e_conversation_id, messageId: r.e_message_id };
      });
      return { events, last: page.length ? page[page.length - 1]!.e_seq : after, hasMore };
    },

    lastEventPosition: async (userId) => q.lastEvent.get(userId) as number,

    purgeExpired: (now, limit) =>
      writes.run(() => {
        const rows = q.expired.all(now, limit) as { seq: number; id: string }[];
        for (const r of rows) {
          q.deleteEventsOf.run(r.id);
          q.deleteMessage.run(r.seq);
        }
        return rows.length;
      }),

    legacyInbox: async (userId, now) => {
      const selfKey = directKey(userId, userId);
      const rows = q.legacyInbox.all(userId, userId, selfKey, now) as { sender_name: string; body: string; created_at: number }[];
      return rows.map((r) => ({ senderName: r.sender_name, body: r.body, createdAt: r.created_at }));
    },
  };
}
