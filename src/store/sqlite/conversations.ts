// Conversations on SQLite: reads on this connection (the policy decides who
// sees what), writes through the writer.
import type { Conversation } from '../../contract/index.js';
import type { ConversationStore } from '../../domain/ports/index.js';
import { translated } from '../errors.js';
import type { Db } from './database.js';
import type { Facts } from './facts.js';
import { MESSAGE_COLUMNS, NOT_EXPIRED, toMessage, type MessageRow } from '../rows.js';
import type { Writer } from './writer.js';

interface ConversationRow {
  id: string;
  kind: 'direct' | 'group';
  title: string | null;
  last_read_seq: number;
}

export function sqliteConversations(db: Db, writer: Writer, facts: Facts): ConversationStore {
  const q = {
    asMember: db.prepare(
      `SELECT c.id, c.kind, c.title, m.last_read_seq FROM conversations c
       JOIN members m ON m.conversation_id = c.id AND m.user_id = ? WHERE c.id = ?`,
    ),
    members: db.prepare('SELECT u.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.conversation_id = ? ORDER BY m.joined_at, u.name'),
    ofUser: db.prepare(
      `SELECT c.id, c.kind, c.title, m.last_read_seq FROM members m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.user_id = ? ORDER BY c.last_activity_at DESC, c.id`,
    ),
    lastMessage: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id
       WHERE m.conversation_id = ? AND ${NOT_EXPIRED} ORDER BY m.seq DESC LIMIT 1`,
    ),
    unread: db
      .prepare(`SELECT count(*) FROM messages m WHERE m.conversation_id = ? AND m.seq > ? AND m.sender_id <> ? AND ${NOT_EXPIRED}`)
      .pluck(),
    contacts: db
      .prepare(
        `SELECT DISTINCT other.user_id FROM members mine JOIN members other ON other.conversation_id = mine.conversation_id
         WHERE mine.user_id = ? AND other.user_id <> mine.user_id`,
      )
      .pluck(),
  };

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
    list: translated((userId: string, now: number) => (q.ofUser.all(userId) as ConversationRow[]).map((row) => present(row, userId, now))),
    get: translated((conversationId: string, userId: string, now: number) => {
      facts.requireMember(conversationId, userId);
      return present(q.asMember.get(userId, conversationId) as ConversationRow, userId, now);
    }),
    createGroup: (g) => writer.run('createGroup', g),
    rename: (change) => writer.run('rename', change),
    addMember: (change) => writer.run('addMember', change),
    removeMember: (change) => writer.run('removeMember', change),
    memberIds: translated((conversationId: string, userId: string) => [...facts.requireMember(conversationId, userId).memberIds]),
    contactIds: translated((userId: string) => q.contacts.all(userId) as string[]),
  };
}
