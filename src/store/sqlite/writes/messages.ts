// Sends, receipts and deletes: the policy decides on what was read in the same
// transaction; each records its events for every member in it too.
import { canAccess, canDeleteMessage, canMarkRead, canStartDirect, enforce } from '../../../domain/policy/index.js';
import type { AppendMessage, AppendResult } from '../../../domain/ports/index.js';
import type { Db } from '../database.js';
import type { Facts } from '../facts.js';
import { directKey, MESSAGE_COLUMNS, NOT_EXPIRED, toMessage, type MessageRow } from '../../rows.js';
import { feedAppender } from './feed.js';

export function messageWrites(db: Db, facts: Facts) {
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
    deleteMessageEvents: db.prepare("DELETE FROM feed WHERE message_id = ? AND type = 'message'"),
  };
  const appendEvent = feedAppender(db);

  /** The direct conversation of the two (created on the first message), or the group the sender belongs to. */
  function conversationFor(m: AppendMessage): { id: string; memberIds: readonly string[] } {
    if ('conversationId' in m.target) {
      const c = facts.conversation(m.target.conversationId);
      enforce(canAccess(c, m.senderId));
      return c!;
    }
    const other = m.target.directWithUserId;
    const key = directKey(m.senderId, other);
    const existing = q.directByKey.get(key) as string | undefined;
    if (existing) return { id: existing, memberIds: facts.memberIds(existing) };
    enforce(canStartDirect(q.userExists.get(other) !== undefined));
    q.insertConversation.run(m.newConversationId, key, m.now, m.now);
    q.insertMember.run(m.newConversationId, m.senderId, m.now);
    q.insertMember.run(m.newConversationId, other, m.now);
    return { id: m.newConversationId, memberIds: m.senderId === other ? [other] : [m.senderId, other] };
  }

  return {
    appendMessage(m: AppendMessage): AppendResult {
      if (m.clientId !== null) {
        const seen = q.byClientId.get(m.deviceId, m.clientId) as MessageRow | undefined;
        if (seen && (seen.expires_at === null || seen.expires_at > m.now)) return { message: toMessage(seen), created: false, deliveries: [] };
        if (seen) q.forgetClientId.run(seen.seq); // expired: the id may be used afresh
      }
      const conversation = conversationFor(m);
      const conversationId = conversation.id;
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
      const deliveries = appendEvent(conversation.memberIds, { type: 'message', message }, m.now);
      return { message, created: true, deliveries };
    },

    markRead({ conversationId, userId, messageId, now }: { conversationId: string; userId: string; messageId: string; now: number }) {
      const conversation = facts.conversation(conversationId);
      const seq = q.messageInConversation.get(messageId, conversationId, now) as number | undefined;
      enforce(canMarkRead(conversation, seq !== undefined, userId));
      q.readUpTo.run(seq, conversationId, userId);
      return appendEvent(conversation!.memberIds, { type: 'receipt', conversationId, userId, messageId }, now);
    },

    deleteMessage({ messageId, userId, now }: { messageId: string; userId: string; now: number }) {
      const row = q.messageForDelete.get(messageId, now) as { seq: number; conversation_id: string; sender_id: string } | undefined;
      const conversation = row && facts.conversation(row.conversation_id);
      enforce(canDeleteMessage(row && { senderId: row.sender_id }, conversation, userId));
      q.deleteMessage.run(row!.seq);
      q.deleteMessageEvents.run(messageId);
      const conversationId = row!.conversation_id;
      return appendEvent(conversation!.memberIds, { type: 'message.deleted', conversationId, messageId }, now);
    },
  };
}
