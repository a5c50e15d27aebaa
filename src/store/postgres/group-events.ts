// The events of a group change, written in the change's transaction:
// `conversation.updated` carries the group as each member sees it (their own
// unread count), `conversation.removed` tells whoever is no longer in it.
import type { Conversation } from '../../contract/index.js';
import type { Delivery } from '../../domain/ports/index.js';
import { sql, type Sql } from './db.js';
import { appendEvents, lockAccounts } from './feed-append.js';

const q = {
  group: sql('SELECT id, kind, title FROM conversations WHERE id = $1'),
  // The same order as the conversation reads list members in.
  members: sql('SELECT u.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.conversation_id = $1 ORDER BY m.joined_at, u.name COLLATE "C"'),
  unread: sql(`SELECT me.user_id, count(m.seq) AS unread FROM members me
    LEFT JOIN messages m ON m.conversation_id = me.conversation_id AND m.seq > me.last_read_seq AND m.sender_id <> me.user_id
      AND (m.expires_at IS NULL OR m.expires_at > $2)
    WHERE me.conversation_id = $1 GROUP BY me.user_id`),
};

/**
 * `conversation.updated` to every member as the group now stands, and
 * `conversation.removed` to `removedId` if given; every account locked first, in
 * the one order.
 */
export async function groupChanged(tx: Sql, conversationId: string, now: number, expiresAt: number | null, removedId?: string): Promise<Delivery[]> {
  const [group] = await tx.rows<{ id: string; kind: 'direct' | 'group'; title: string | null }>(q.group, conversationId);
  const members = await tx.rows<{ id: string; name: string }>(q.members, conversationId);
  await lockAccounts(tx, [...members.map((m) => m.id), ...(removedId ? [removedId] : [])]);
  const unread = new Map((await tx.rows<{ user_id: string; unread: number }>(q.unread, conversationId, now)).map((r) => [r.user_id, r.unread]));
  const removed = removedId ? await appendEvents(tx, [{ userId: removedId, event: { type: 'conversation.removed', conversationId } }], now, expiresAt) : [];
  const updated = await appendEvents(
    tx,
    members.map((m) => {
      const conversation: Conversation = { ...group!, members, lastMessage: null, unread: unread.get(m.id) ?? 0 };
      return { userId: m.id, event: { type: 'conversation.updated' as const, conversation } };
    }),
    now,
    expiresAt,
  );
  return [...removed, ...updated];
}
