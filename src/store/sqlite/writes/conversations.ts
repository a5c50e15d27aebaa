// Group writes: the policy decides on what was read in the same transaction;
// each change records its events for the members in it too.
import { canAddMember, canRemoveMember, canRename, enforce } from '../../../domain/policy/index.js';
import type { Delivery, MemberChange, NewGroup, Rename } from '../../../domain/ports/index.js';
import type { Db } from '../database.js';
import type { Facts } from '../facts.js';
import { conversationEvents } from './conversation-events.js';
import { feedAppender } from './feed.js';

export function conversationWrites(db: Db, facts: Facts) {
  const q = {
    insertConversation: db.prepare(
      "INSERT INTO conversations (id, kind, title, direct_key, creator_id, created_at, last_activity_at) VALUES (?, 'group', ?, NULL, ?, ?, ?)",
    ),
    setTitle: db.prepare('UPDATE conversations SET title = ? WHERE id = ?'),
    insertMember: db.prepare('INSERT OR IGNORE INTO members (conversation_id, user_id, joined_at, last_read_seq) VALUES (?, ?, ?, ?)'),
    deleteMember: db.prepare('DELETE FROM members WHERE conversation_id = ? AND user_id = ?'),
    maxSeq: db.prepare('SELECT coalesce(max(seq), 0) FROM messages WHERE conversation_id = ?').pluck(),
  };
  const events = conversationEvents(db, feedAppender(db));

  return {
    createGroup(g: NewGroup): Delivery[] {
      q.insertConversation.run(g.id, g.title, g.creatorId, g.now, g.now);
      for (const userId of g.memberIds) q.insertMember.run(g.id, userId, g.now, 0);
      return events.updated(g.id, g.now, g.eventsExpireAt ?? null);
    },
    rename(r: Rename): Delivery[] {
      enforce(canRename(facts.conversation(r.conversationId), r.actorId));
      q.setTitle.run(r.title, r.conversationId);
      return events.updated(r.conversationId, r.now, r.eventsExpireAt ?? null);
    },
    addMember(c: MemberChange & { maxGroupSize: number }): Delivery[] {
      enforce(canAddMember(facts.conversation(c.conversationId), c.actorId, c.userId, c.maxGroupSize));
      // A newcomer starts with everything so far read, so old messages do not count as unread.
      const added = q.insertMember.run(c.conversationId, c.userId, c.now, q.maxSeq.get(c.conversationId) as number).changes > 0;
      return added ? events.updated(c.conversationId, c.now, c.eventsExpireAt ?? null) : [];
    },
    removeMember(c: MemberChange): Delivery[] {
      enforce(canRemoveMember(facts.conversation(c.conversationId), c.actorId, c.userId));
      q.deleteMember.run(c.conversationId, c.userId);
      const expiresAt = c.eventsExpireAt ?? null;
      return [...events.removed(c.conversationId, c.userId, c.now, expiresAt), ...events.updated(c.conversationId, c.now, expiresAt)];
    },
  };
}
