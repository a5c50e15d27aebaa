// Messages on SQLite: history and the seed's inbox read on this connection;
// sends, receipts and deletes through the writer.
import { AppError } from '../../domain/errors.js';
import type { HistoryPageQuery, MessageStore } from '../../domain/ports/index.js';
import { translated } from '../errors.js';
import type { Db } from './database.js';
import type { Facts } from './facts.js';
import { directKey, MESSAGE_COLUMNS, NOT_EXPIRED, toMessage, type MessageRow } from '../rows.js';
import type { Writer } from './writer.js';

export function sqliteMessages(db: Db, writer: Writer, facts: Facts): MessageStore {
  const q = {
    messageSeq: db.prepare('SELECT seq FROM messages WHERE id = ? AND conversation_id = ?').pluck(),
    page: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id
       WHERE m.conversation_id = ? AND m.seq < ? AND ${NOT_EXPIRED} ORDER BY m.seq DESC LIMIT ?`,
    ),
    legacyInbox: db.prepare(
      `SELECT s.name AS sender_name, m.body, m.created_at FROM members mb
       JOIN messages m ON m.conversation_id = mb.conversation_id
       JOIN users s ON s.id = m.sender_id
       JOIN conversations c ON c.id = m.conversation_id
       WHERE mb.user_id = ? AND (m.sender_id <> ? OR c.direct_key = ?) AND ${NOT_EXPIRED}
       ORDER BY m.seq`,
    ),
  };

  return {
    append: (m) => writer.run('appendMessage', m),
    history: translated(({ conversationId, userId, before, limit, now }: HistoryPageQuery) => {
      facts.requireMember(conversationId, userId);
      let beforeSeq = Number.MAX_SAFE_INTEGER;
      if (before !== null) {
        const seq = q.messageSeq.get(before, conversationId) as number | undefined;
        if (seq === undefined) throw new AppError('message_not_found', 'No such message in this conversation');
        beforeSeq = seq;
      }
      const rows = q.page.all(conversationId, beforeSeq, now, limit + 1) as MessageRow[];
      const hasMore = rows.length > limit;
      return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
    }),
    markRead: (query) => writer.run('markRead', query),
    delete: (query) => writer.run('deleteMessage', query),
    legacyInbox: translated((userId: string, now: number) => {
      const rows = q.legacyInbox.all(userId, userId, directKey(userId, userId), now) as { sender_name: string; body: string; created_at: number }[];
      return rows.map((r) => ({ senderName: r.sender_name, body: r.body, createdAt: r.created_at }));
    }),
  };
}
