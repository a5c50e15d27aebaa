// Conversations on PostgreSQL: a list is presented in four queries whatever its
// length; writes decide by the policy on the conversation's locked row.
import type { Conversation } from '../../contract/index.js';
import { canAddMember, canRemoveMember, canRename, enforce } from '../../domain/policy/index.js';
import type { ConversationStore, MemberChange, NewGroup, Rename } from '../../domain/ports/index.js';
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from '../rows.js';
import { sql, type Db } from './db.js';
import { conversationFacts, requireMember } from './facts.js';
import { groupChanged } from './group-events.js';

interface ConversationRow {
  id: string;
  kind: 'direct' | 'group';
  title: string | null;
}

const q = {
  ofUser: sql(`SELECT c.id, c.kind, c.title FROM members m JOIN conversations c ON c.id = m.conversation_id
    WHERE m.user_id = $1 ORDER BY c.last_activity_at DESC, c.id COLLATE "C"`),
  one: sql('SELECT id, kind, title FROM conversations WHERE id = $1'),
  members: sql(`SELECT m.conversation_id, u.id, u.name FROM members m JOIN users u ON u.id = m.user_id
    WHERE m.conversation_id = ANY($1) ORDER BY m.joined_at, u.name COLLATE "C"`),
  lastMessages: sql(`SELECT DISTINCT ON (m.conversation_id) ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id
    WHERE m.conversation_id = ANY($1) AND (m.expires_at IS NULL OR m.expires_at > $2) ORDER BY m.conversation_id, m.seq DESC`),
  unread: sql(`SELECT m.conversation_id, count(*) AS unread FROM messages m
    JOIN members mine ON mine.conversation_id = m.conversation_id AND mine.user_id = $2
    WHERE m.conversation_id = ANY($1) AND m.seq > mine.last_read_seq AND m.sender_id <> $2 AND (m.expires_at IS NULL OR m.expires_at > $3)
    GROUP BY m.conversation_id`),
  contacts: sql(`SELECT DISTINCT other.user_id FROM members mine JOIN members other ON other.conversation_id = mine.conversation_id
    WHERE mine.user_id = $1 AND other.user_id <> mine.user_id`),
  insertConversation: sql(
    "INSERT INTO conversations (id, kind, title, direct_key, creator_id, created_at, last_activity_at) VALUES ($1, 'group', $2, NULL, $3, $4, $4)",
  ),
  insertMember: sql(`INSERT INTO members (conversation_id, user_id, joined_at, last_read_seq) VALUES ($1, $2, $3, $4)
    ON CONFLICT (conversation_id, user_id) DO NOTHING RETURNING user_id`),
  setTitle: sql('UPDATE conversations SET title = $1 WHERE id = $2'),
  maxSeq: sql('SELECT coalesce(max(seq), 0) AS seq FROM messages WHERE conversation_id = $1'),
  deleteMember: sql('DELETE FROM members WHERE conversation_id = $1 AND user_id = $2'),
};

export function postgresConversations(db: Db): ConversationStore {
  /** The conversations as `userId` sees them, in the order given. */
  async function present(rows: ConversationRow[], userId: string, now: number): Promise<Conversation[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const members = new Map<string, { id: string; name: string }[]>(ids.map((id) => [id, []]));
    for (const m of await db.rows<{ conversation_id: string; id: string; name: string }>(q.members, ids)) {
      members.get(m.conversation_id)!.push({ id: m.id, name: m.name });
    }
    const last = new Map((await db.rows<MessageRow>(q.lastMessages, ids, now)).map((m) => [m.conversation_id, m]));
    const unread = new Map((await db.rows<{ conversation_id: string; unread: number }>(q.unread, ids, userId, now)).map((r) => [r.conversation_id, r.unread]));
    return rows.map((row) => {
      const message = last.get(row.id);
      return {
        id: row.id,
        kind: row.kind,
        title: row.title,
        members: members.get(row.id)!,
        lastMessage: message ? toMessage(message) : null,
        unread: unread.get(row.id) ?? 0,
      };
    });
  }

  return {
    list: async (userId, now) => present(await db.rows<ConversationRow>(q.ofUser, userId), userId, now),
    get: async (conversationId, userId, now) => {
      await requireMember(db, conversationId, userId);
      const [conversation] = await present(await db.rows<ConversationRow>(q.one, conversationId), userId, now);
      return conversation!;
    },
    createGroup: (g: NewGroup) =>
      db.transaction(async (tx) => {
        await tx.rows(q.insertConversation, g.id, g.title, g.creatorId, g.now);
        for (const userId of g.memberIds) await tx.rows(q.insertMember, g.id, userId, g.now, 0);
        return groupChanged(tx, g.id, g.now, g.eventsExpireAt ?? null);
      }),
    rename: (r: Rename) =>
      db.transaction(async (tx) => {
        enforce(canRename(await conversationFacts(tx, r.conversationId, { lock: true }), r.actorId));
        await tx.rows(q.setTitle, r.title, r.conversationId);
        return groupChanged(tx, r.conversationId, r.now, r.eventsExpireAt ?? null);
      }),
    addMember: (c: MemberChange & { maxGroupSize: number }) =>
      db.transaction(async (tx) => {
        enforce(canAddMember(await conversationFacts(tx, c.conversationId, { lock: true }), c.actorId, c.userId, c.maxGroupSize));
        // A newcomer starts with everything so far read, so old messages do not count as unread.
        const [{ seq }] = (await tx.rows<{ seq: number }>(q.maxSeq, c.conversationId)) as [{ seq: number }];
        const added = (await tx.rows(q.insertMember, c.conversationId, c.userId, c.now, seq)).length > 0;
        return added ? groupChanged(tx, c.conversationId, c.now, c.eventsExpireAt ?? null) : []; // a member already: no news
      }),
    removeMember: (c: MemberChange) =>
      db.transaction(async (tx) => {
        enforce(canRemoveMember(await conversationFacts(tx, c.conversationId, { lock: true }), c.actorId, c.userId));
        await tx.rows(q.deleteMember, c.conversationId, c.userId);
        return groupChanged(tx, c.conversationId, c.now, c.eventsExpireAt ?? null, c.userId);
      }),
    memberIds: async (conversationId, userId) => [...(await requireMember(db, conversationId, userId)).memberIds],
    contactIds: async (userId) => (await db.rows<{ user_id: string }>(q.contacts, userId)).map((r) => r.user_id),
  };
}
