// Account writes: each runs in the writer's transaction.
import type { UserRecord } from '../../../domain/ports/index.js';
import type { Db } from '../database.js';
import type { Facts } from '../facts.js';
import { NOT_EXPIRED } from '../../rows.js';
import { conversationEvents } from './conversation-events.js';
import { feedAppender } from './feed.js';

export function accountWrites(db: Db, facts: Facts) {
  const q = {
    insertUser: db.prepare('INSERT INTO users (id, name, name_key, email, email_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    setEmail: db.prepare('UPDATE users SET email = ?, email_key = ? WHERE id = ?'),
    setPassword: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    deviceIdsOfUser: db.prepare('SELECT id FROM devices WHERE user_id = ?').pluck(),
    liveMessagesOfUser: db.prepare(`SELECT m.id, m.conversation_id FROM messages m WHERE m.sender_id = ? AND ${NOT_EXPIRED} ORDER BY m.seq`),
    // An expired message's events would have gone with it at the next purge, which can no longer find it.
    deleteExpiredMessageEvents: db.prepare(
      'DELETE FROM feed WHERE message_id IN (SELECT id FROM messages WHERE sender_id = ? AND expires_at IS NOT NULL AND expires_at <= ?)',
    ),
    deleteMessageEventsOfUser: db.prepare("DELETE FROM feed WHERE type = 'message' AND message_id IN (SELECT id FROM messages WHERE sender_id = ?)"),
    deleteUserMessages: db.prepare('DELETE FROM messages WHERE sender_id = ?'),
    deleteUser: db.prepare('DELETE FROM users WHERE id = ?'),
    groupsOfUser: db.prepare("SELECT c.id FROM members m JOIN conversations c ON c.id = m.conversation_id WHERE m.user_id = ? AND c.kind = 'group' ORDER BY c.id").pluck(),
  };
  const appendEvent = feedAppender(db);
  const groupEvents = conversationEvents(db, appendEvent);

  return {
    createUser(u: UserRecord): void {
      q.insertUser.run(u.id, u.name, u.name.toLowerCase(), u.email, u.email.toLowerCase(), u.passwordHash, u.createdAt);
    },
    updateUser(id: string, change: { email?: string; passwordHash?: string }): void {
      if (change.email !== undefined) q.setEmail.run(change.email, change.email.toLowerCase(), id);
      if (change.passwordHash !== undefined) q.setPassword.run(change.passwordHash, id);
    },
    deleteUser(id: string, now: number, eventsExpireAt: number | null = null) {
      const deviceIds = q.deviceIdsOfUser.all(id) as string[];
      const live = q.liveMessagesOfUser.all(id, now) as { id: string; conversation_id: string }[];
      // Each message goes as deleteMessage takes it: its `message` events go, the other members get `message.deleted`.
      q.deleteExpiredMessageEvents.run(id, now);
      q.deleteMessageEventsOfUser.run(id);
      q.deleteUserMessages.run(id);
      const othersOf = new Map<string, string[]>();
      const deliveries = live.flatMap((m) => {
        const conversationId = m.conversation_id;
        let others = othersOf.get(conversationId);
        if (!others) othersOf.set(conversationId, (others = facts.memberIds(conversationId).filter((u) => u !== id)));
        return appendEvent(others, { type: 'message.deleted', conversationId, messageId: m.id }, now);
      });
      const groupIds = q.groupsOfUser.all(id) as string[];
      q.deleteUser.run(id); // devices, memberships and own events go by ON DELETE CASCADE
      // Its groups lost a member: the others see the group as it now stands.
      for (const groupId of groupIds) deliveries.push(...groupEvents.updated(groupId, now, eventsExpireAt));
      return { deviceIds, deliveries };
    },
  };
}
