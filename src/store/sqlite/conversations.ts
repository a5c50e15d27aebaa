// Conversations, membership and history on SQLite.
import type { Conversation } from '../../contract/index.js';
import { AppError } from '../../domain/errors.js';
import type { Store } from '../../domain/ports.js';
import type { Db } from './database.js';
import { MESSAGE_COLUMNS, NOT_EXPIRED, toMessage, type MessageRow } from './rows.js';
import type { WriteQueue } from './write-queue.js';

interface ConversationRow {
  id: string;
  kind: 'direct' | 'group';
  title: string | null;
  creator_id: string | null;
  last_read_seq: number;
}

export type ConversationQueries = ReturnType<typeof conversationQueries>;

/** Prepared statements and checks that sends, receipts and listings share. */
export function conversationQueries(db: Db) {
  const q = {
    conversation: db.prepare('SELECT id, kind, title, creator_id FROM conversations WHERE id = ?'),
    membership: db.prepare(
      `SELECT c.id, c.kind, c.title, c.creator_id, m.last_read_seq FROM conversations c
       LEFT JOIN members m ON m.conversation_id = c.id AND m.user_id = ? WHERE c.id = ?`,
    ),
    memberIds: db.prepare('SELECT user_id FROM members WHERE conversation_id = ?').pluck(),
    members: db.prepare('SELECT u.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.conversation_id = ? ORDER BY m.joined_at, u.name'),
    ofUser: db.prepare(
      `SELECT c.id, c.kind, c.title, c.creator_id, m.last_read_seq FROM members m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.user_id = ? ORDER BY c.last_activity_at DESC, c.id`,
    ),
    lastMessage: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id
       WHERE m.conversation_id = ? AND ${NOT_EXPIRED} ORDER BY m.seq DESC LIMIT 1`,
    ),
    unread: db
      .prepare(`SELECT count(*) FROM messages m WHERE m.conversation_id = ? AND m.seq > ? AND m.sender_id <> ? AND ${NOT_EXPIRED}`)
      .pluck(),
  };

  /** The conversation if `userId` is a member; otherwise the refusal a caller may see. */
  function requireMember(conversationId: string, userId: string): ConversationRow {
    const row = q.membership.get(userId, conversationId) as (ConversationRow & { last_read_seq: number | null }) | undefined;
    if (!row) throw new AppError('conversation_not_found', 'No such conversation');
    if (row.last_read_seq === null) throw new AppError('not_a_member', 'You are not a member of this conversation');
    return row;
  }

  function present(row: ConversationRow, userId: string, now: number): Conversation {
    const last = q.lastMessage.get(row.id, now) as MessageRow | undefined;
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      members: q.members.all(row.id) as { id: string; name: string }[],
      lastMessage: last ? toMessage(last) : null,
      unread: q.unread.get(row.id, row.last_read_seq, userId, now) as number,
    };
  }

  return {
    requireMember,
    present,
    memberIds: (conversationId: string) => q.memberIds.all(conversationId) as string[],
    ofUser: (userId: string) => q.ofUser.all(userId) as ConversationRow[],
  };
}

type ConversationStore = Pick<
  Store,
  'listConversations' | 'getConversation' | 'createGroup' | 'addMember' | 'removeMember' | 'listMessages' | 'memberIdsOf' | 'contactIds'
>;

export function sqliteConversations(db: Db, writes: WriteQueue, shared: ConversationQueries): ConversationStore {
  const q = {
    insertConversation: db.prepare(
      'INSERT INTO conversations (id, kind, title, direct_key, creator_id, created_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertMember: db.prepare('INSERT OR IGNORE INTO members (conversation_id, user_id, joined_at, last_read_seq) VALUES (?, ?, ?, ?)'),
    deleteMember: db.prepare('DELETE FROM members WHERE conversation_id = ? AND user_id = ?'),
    maxSeq: db.prepare('SELECT coalesce(max(seq), 0) FROM messages WHERE conversation_id = ?').pluck(),
    messageSeq: db.prepare('SELECT seq FROM messages WHERE id = ? AND conversation_id = ?').pluck(),
    contacts: db
      .prepare(
        `SELECT DISTINCT other.user_id FROM members mine JOIN members other ON other.conversation_id = mine.conversation_id
         WHERE mine.user_id = ? AND other.user_id <> mine.user_id`,
      )
      .pluck(),
    page: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id
       WHERE m.conversation_id = ? AND m.seq < ? AND ${NOT_EXPIRED} ORDER BY m.seq DESC LIMIT ?`,
    ),
  };

  return {
    listConversations: async (userId, now) => shared.ofUser(userId).map((row) => shared.present(row, userId, now)),
    getConversation: async (conversationId, userId, now) => shared.present(shared.requireMember(conversationId, userId), userId, now),
    createGroup: (g) =>
      writes.run(() => {
        q.insertConversation.run(g.id, 'group', g.title, null, g.creatorId, g.now, g.now);
        for (const userId of g.memberIds) q.insertMember.run(g.id, userId, g.now, 0);
      }),
    addMember: (conversationId, actorId, userId, now) =>
      writes.run(() => {
        const c = shared.requireMember(conversationId, actorId);
        if (c.kind === 'direct') throw new AppError('forbidden', 'A direct conversation has exactly two members; create a group instead');
        // A newcomer starts with everything so far read, so old messages do not count as unread.
        q.insertMember.run(conversationId, userId, now, q.maxSeq.get(conversationId) as number);
      }),
    removeMember: (conversationId, actorId, userId) =>
      writes.run(() => {
        const c = shared.requireMember(conversationId, actorId);
        if (c.kind === 'direct') throw new AppError('forbidden', 'You cannot leave a direct conversation');
        if (userId !== actorId && c.creator_id !== actorId) throw new AppError('forbidden', 'Only the creator of a group can remove others');
        if (q.deleteMember.run(conversationId, userId).changes === 0) throw new AppError('user_not_found', 'That user is not a member');
      }),
    memberIdsOf: async (conversationId, userId) => {
      shared.requireMember(conversationId, userId);
      return shared.memberIds(conversationId);
    },
    contactIds: async (userId) => q.contacts.all(userId) as string[],
    listMessages: async ({ conversationId, userId, before, limit, now }) => {
      shared.requireMember(conversationId, userId);
      let beforeSeq = Number.MAX_SAFE_INTEGER;
      if (before !== null) {
        const seq = q.messageSeq.get(before, conversationId) as number | undefined;
        if (seq === undefined) throw new AppError('message_not_found', 'No such message in this conversation');
        beforeSeq = seq;
      }
      const rows = q.page.all(conversationId, beforeSeq, now, limit + 1) as MessageRow[];
      const hasMore = rows.length > limit;
      return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
    },
  };
}
