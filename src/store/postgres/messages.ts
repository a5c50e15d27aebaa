// Messages on PostgreSQL. A send locks its conversation's row (so sends to one
// conversation commit one after another, in the order of their seq), then
// numbers its events per member account (feed-append.ts). Sends that wait for
// the same conversation share a transaction (grouped-sends.ts).
import { AppError } from '../../domain/errors.js';
import { canAccess, canDeleteMessage, canMarkRead, canStartDirect, enforce } from '../../domain/policy/index.js';
import type { AppendMessage, AppendResult, MessageStore } from '../../domain/ports/index.js';
import { directKey, MESSAGE_COLUMNS, toMessage, type MessageRow } from '../rows.js';
import { sql, type Db, type Sql } from './db.js';
import { conversationFacts, memberIds, requireMember } from './facts.js';
import { appendEvent } from './feed-append.js';
import { GroupedSends } from './grouped-sends.js';

const LIVE = '(m.expires_at IS NULL OR m.expires_at > $NOW)';
const live = (n: number) => LIVE.replace('$NOW', `$${n}`);

const q = {
  byClientId: sql(`SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id WHERE m.device_id = $1 AND m.client_id = $2`),
  forgetClientId: sql('UPDATE messages SET client_id = NULL WHERE seq = $1'),
  directByKey: sql('SELECT id FROM conversations WHERE direct_key = $1 FOR UPDATE'),
  userExists: sql('SELECT 1 FROM users WHERE id = $1'),
  // Two first messages at once: the second waits for the first's conversation, then uses it.
  insertDirect: sql(`INSERT INTO conversations (id, kind, title, direct_key, creator_id, created_at, last_activity_at)
    VALUES ($1, 'direct', NULL, $2, NULL, $3, $3) ON CONFLICT (direct_key) DO NOTHING RETURNING id`),
  insertMember: sql(`INSERT INTO members (conversation_id, user_id, joined_at, last_read_seq) VALUES ($1, $2, $3, 0)
    ON CONFLICT (conversation_id, user_id) DO NOTHING`),
  // A repeated clientId sent at the same moment waits for the first, then inserts nothing.
  insertMessage: sql(`INSERT INTO messages (id, conversation_id, sender_id, device_id, client_id, body, created_at, expires_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (device_id, client_id) WHERE client_id IS NOT NULL DO NOTHING RETURNING seq`),
  // After the insert, in one round trip: the conversation's activity, the sender's read mark (what
  // you send, you have read), and the sender's name for the answer. Both rows are this send's to
  // change: the conversation's is locked already, and the member's changes only under that lock.
  afterInsert: sql(`WITH touched AS (UPDATE conversations SET last_activity_at = $1 WHERE id = $2),
    read AS (UPDATE members SET last_read_seq = greatest(last_read_seq, $3) WHERE conversation_id = $2 AND user_id = $4)
    SELECT name FROM users WHERE id = $4`),
  readUpTo: sql('UPDATE members SET last_read_seq = greatest(last_read_seq, $1) WHERE conversation_id = $2 AND user_id = $3'),
  messageInConversation: sql(`SELECT m.seq FROM messages m WHERE m.id = $1 AND m.conversation_id = $2 AND ${live(3)}`),
  // Locked: a second delete of the message waits, then finds none.
  messageForDelete: sql(`SELECT m.seq, m.conversation_id, m.sender_id FROM messages m WHERE m.id = $1 AND ${live(2)} FOR UPDATE`),
  deleteMessage: sql('DELETE FROM messages WHERE seq = $1'),
  deleteMessageEvents: sql("DELETE FROM feed WHERE message_id = $1 AND type = 'message'"),
  messageSeq: sql('SELECT seq FROM messages WHERE id = $1 AND conversation_id = $2'),
  page: sql(`SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id
    WHERE m.conversation_id = $1 AND m.seq < $2 AND ${live(3)} ORDER BY m.seq DESC LIMIT $4`),
  legacyInbox: sql(`SELECT s.name AS sender_name, m.body, m.created_at FROM members mb
    JOIN messages m ON m.conversation_id = mb.conversation_id
    JOIN users s ON s.id = m.sender_id
    JOIN conversations c ON c.id = m.conversation_id
    WHERE mb.user_id = $1 AND (m.sender_id <> $1 OR c.direct_key = $2) AND ${live(3)}
    ORDER BY m.seq`),
};

/** The direct conversation of the two (created on the first message), or the group the sender belongs to; its row locked. */
async function conversationFor(tx: Sql, m: AppendMessage): Promise<{ id: string; memberIds: readonly string[] }> {
  if ('conversationId' in m.target) {
    const c = await conversationFacts(tx, m.target.conversationId, { lock: true });
    enforce(canAccess(c, m.senderId));
    return c!;
  }
  const other = m.target.directWithUserId;
  const key = directKey(m.senderId, other);
  const existing = async () => {
    const [row] = await tx.rows<{ id: string }>(q.directByKey, key);
    return row && { id: row.id, memberIds: await memberIds(tx, row.id) };
  };
  const found = await existing();
  if (found) return found;
  enforce(canStartDirect((await tx.rows(q.userExists, other)).length > 0));
  const [created] = await tx.rows<{ id: string }>(q.insertDirect, m.newConversationId, key, m.now);
  if (!created) return (await existing())!; // the other's first message made it meanwhile
  await tx.rows(q.insertMember, m.newConversationId, m.senderId, m.now);
  await tx.rows(q.insertMember, m.newConversationId, other, m.now);
  return { id: m.newConversationId, memberIds: m.senderId === other ? [other] : [m.senderId, other] };
}

async function append(tx: Sql, m: AppendMessage): Promise<AppendResult> {
  const seen = async () => (m.clientId === null ? undefined : (await tx.rows<MessageRow>(q.byClientId, m.deviceId, m.clientId))[0]);
  const earlier = await seen();
  if (earlier && (earlier.expires_at === null || earlier.expires_at > m.now)) return { message: toMessage(earlier), created: false, deliveries: [] };
  if (earlier) await tx.rows(q.forgetClientId, earlier.seq); // expired: the id may be used afresh
  const conversation = await conversationFor(tx, m);
  const conversationId = conversation.id;
  const [inserted] = await tx.rows<{ seq: number }>(q.insertMessage, m.id, conversationId, m.senderId, m.deviceId, m.clientId, m.body, m.now, m.expiresAt);
  if (!inserted) return { message: toMessage((await seen())!), created: false, deliveries: [] }; // the same clientId committed meanwhile
  const { seq } = inserted;
  const [sender] = await tx.rows<{ name: string }>(q.afterInsert, m.now, conversationId, seq, m.senderId);
  const message = toMessage({
    seq,
    id: m.id,
    conversation_id: conversationId,
    sender_id: m.senderId,
    sender_name: sender!.name,
    client_id: m.clientId,
    body: m.body,
    created_at: m.now,
    expires_at: m.expiresAt,
  });
  const deliveries = await appendEvent(tx, conversation.memberIds, { type: 'message', message }, m.now);
  return { message, created: true, deliveries };
}

export function postgresMessages(db: Db): MessageStore {
  const sends = new GroupedSends(db, append);
  return {
    append: (m) => sends.append(m),
    history: async ({ conversationId, userId, before, limit, now }) => {
      await requireMember(db, conversationId, userId);
      let beforeSeq = Number.MAX_SAFE_INTEGER;
      if (before !== null) {
        const [row] = await db.rows<{ seq: number }>(q.messageSeq, before, conversationId);
        if (!row) throw new AppError('message_not_found', 'No such message in this conversation');
        beforeSeq = row.seq;
      }
      const rows = await db.rows<MessageRow>(q.page, conversationId, beforeSeq, now, limit + 1);
      return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore: rows.length > limit };
    },
    markRead: ({ conversationId, userId, messageId, now }) =>
      db.transaction(async (tx) => {
        const conversation = await conversationFacts(tx, conversationId, { lock: true });
        const [row] = await tx.rows<{ seq: number }>(q.messageInConversation, messageId, conversationId, now);
        enforce(canMarkRead(conversation, row !== undefined, userId));
        await tx.rows(q.readUpTo, row!.seq, conversationId, userId);
        return appendEvent(tx, conversation!.memberIds, { type: 'receipt', conversationId, userId, messageId }, now);
      }),
    delete: ({ messageId, userId, now }) =>
      db.transaction(async (tx) => {
        const [row] = await tx.rows<{ seq: number; conversation_id: string; sender_id: string }>(q.messageForDelete, messageId, now);
        const conversation = row && (await conversationFacts(tx, row.conversation_id, { lock: true }));
        enforce(canDeleteMessage(row && { senderId: row.sender_id }, conversation, userId));
        await tx.rows(q.deleteMessage, row!.seq);
        await tx.rows(q.deleteMessageEvents, messageId);
        return appendEvent(tx, conversation!.memberIds, { type: 'message.deleted', conversationId: row!.conversation_id, messageId }, now);
      }),
    legacyInbox: async (userId, now) => {
      const rows = await db.rows<{ sender_name: string; body: string; created_at: number }>(q.legacyInbox, userId, directKey(userId, userId), now);
      return rows.map((r) => ({ senderName: r.sender_name, body: r.body, createdAt: r.created_at }));
    },
  };
}
