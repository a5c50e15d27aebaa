// Accounts on PostgreSQL.
import type { User } from '../../contract/index.js';
import type { AccountStore, DeletedUser, UserRecord } from '../../domain/ports/index.js';
import { iso } from '../../domain/presenters.js';
import { toUser, type UserRow } from '../rows.js';
import { sql, type Db } from './db.js';
import { memberIds } from './facts.js';
import { appendEvent, lockAccounts } from './feed-append.js';
import { groupChanged } from './group-events.js';

/** `LIKE` pattern matching `text` anywhere, with its wildcards taken literally. */
const containsPattern = (text: string): string => '%' + text.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

const q = {
  insertUser: sql('INSERT INTO users (id, name, name_key, email, email_key, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)'),
  userById: sql('SELECT * FROM users WHERE id = $1'),
  userByName: sql('SELECT * FROM users WHERE name_key = $1'),
  userByLogin: sql('SELECT * FROM users WHERE name_key = $1 OR email_key = $1'),
  // COLLATE "C": the byte order SQLite sorts by, whatever the database's locale.
  search: sql(`SELECT id, name, created_at FROM users WHERE name_key LIKE $1 ESCAPE '\\'
    ORDER BY name_key <> $2, length(name_key), name_key COLLATE "C" LIMIT $3`),
  setEmail: sql('UPDATE users SET email = $1, email_key = $2 WHERE id = $3'),
  setPassword: sql('UPDATE users SET password_hash = $1 WHERE id = $2'),
  deviceIdsOfUser: sql('SELECT id FROM devices WHERE user_id = $1'),
  conversationsOfUser: sql('SELECT conversation_id FROM members WHERE user_id = $1'),
  liveMessagesOfUser: sql('SELECT id, conversation_id FROM messages WHERE sender_id = $1 AND (expires_at IS NULL OR expires_at > $2) ORDER BY seq'),
  // An expired message's events would have gone with it at the next purge, which can no longer find it.
  deleteExpiredMessageEvents: sql(
    'DELETE FROM feed WHERE message_id IN (SELECT id FROM messages WHERE sender_id = $1 AND expires_at IS NOT NULL AND expires_at <= $2)',
  ),
  deleteMessageEventsOfUser: sql("DELETE FROM feed WHERE type = 'message' AND message_id IN (SELECT id FROM messages WHERE sender_id = $1)"),
  deleteUserMessages: sql('DELETE FROM messages WHERE sender_id = $1'),
  deleteUser: sql('DELETE FROM users WHERE id = $1'),
  groupsOfUser: sql(`SELECT c.id FROM members m JOIN conversations c ON c.id = m.conversation_id
    WHERE m.user_id = $1 AND c.kind = 'group' ORDER BY c.id COLLATE "C"`),
};

export function postgresAccounts(db: Db): AccountStore {
  const one = async (statement: typeof q.userById, ...values: unknown[]) => {
    const [row] = await db.rows<UserRow>(statement, ...values);
    return row ? toUser(row) : null;
  };

  return {
    create: (u: UserRecord) =>
      db.transaction(async (tx) => {
        await tx.rows(q.insertUser, u.id, u.name, u.name.toLowerCase(), u.email, u.email.toLowerCase(), u.passwordHash, u.createdAt);
      }),
    get: (id) => one(q.userById, id),
    findByName: (name) => one(q.userByName, name.toLowerCase()),
    findByLogin: (login) => one(q.userByLogin, login.toLowerCase()),
    search: async (query, limit) => {
      const key = query.toLowerCase();
      const rows = await db.rows<{ id: string; name: string; created_at: number }>(q.search, containsPattern(key), key, limit);
      return rows.map((r): User => ({ id: r.id, name: r.name, createdAt: iso(r.created_at) }));
    },
    update: (id, change) =>
      db.transaction(async (tx) => {
        if (change.email !== undefined) await tx.rows(q.setEmail, change.email, change.email.toLowerCase(), id);
        if (change.passwordHash !== undefined) await tx.rows(q.setPassword, change.passwordHash, id);
      }),
    delete: (id, now, eventsExpireAt = null) =>
      db.transaction(async (tx): Promise<DeletedUser> => {
        // Every account this write numbers events for, and the account itself, locked at once in
        // id order (the order the feed's appender takes them in), so a concurrent send cannot hold
        // one of them while waiting for another.
        const conversations = (await tx.rows<{ conversation_id: string }>(q.conversationsOfUser, id)).map((r) => r.conversation_id);
        const othersOf = new Map<string, string[]>();
        for (const c of conversations) othersOf.set(c, (await memberIds(tx, c)).filter((u) => u !== id));
        await lockAccounts(tx, [id, ...[...othersOf.values()].flat()]);

        const deviceIds = (await tx.rows<{ id: string }>(q.deviceIdsOfUser, id)).map((r) => r.id);
        const live = await tx.rows<{ id: string; conversation_id: string }>(q.liveMessagesOfUser, id, now);
        // Each message goes as deleting it would: its `message` events go, the other members get `message.deleted`.
        await tx.rows(q.deleteExpiredMessageEvents, id, now);
        await tx.rows(q.deleteMessageEventsOfUser, id);
        await tx.rows(q.deleteUserMessages, id);
        const deliveries = [];
        for (const m of live) {
          const others = othersOf.get(m.conversation_id) ?? [];
          deliveries.push(...(await appendEvent(tx, others, { type: 'message.deleted', conversationId: m.conversation_id, messageId: m.id }, now)));
        }
        const groupIds = (await tx.rows<{ id: string }>(q.groupsOfUser, id)).map((r) => r.id);
        await tx.rows(q.deleteUser, id); // devices, memberships and own events go by ON DELETE CASCADE
        // Its groups lost a member: the others see the group as it now stands.
        for (const groupId of groupIds) deliveries.push(...(await groupChanged(tx, groupId, now, eventsExpireAt)));
        return { deviceIds, deliveries };
      }),
  };
}
