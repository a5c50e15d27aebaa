// What the domain's policy needs to know of a conversation, read on whichever
// connection runs the call: the writer's, inside its transaction, for writes.
import type { ConversationFacts } from '../../domain/policy/index.js';
import { canAccess, enforce } from '../../domain/policy/index.js';
import type { Db } from './database.js';

export type ConversationOf = ConversationFacts & { id: string };

export type Facts = ReturnType<typeof factQueries>;

export function factQueries(db: Db) {
  const q = {
    conversation: db.prepare('SELECT id, kind, creator_id FROM conversations WHERE id = ?'),
    memberIds: db.prepare('SELECT user_id FROM members WHERE conversation_id = ?').pluck(),
  };

  const memberIds = (conversationId: string) => q.memberIds.all(conversationId) as string[];

  /** The conversation's facts; undefined when there is none. */
  function conversation(conversationId: string): ConversationOf | undefined {
    const row = q.conversation.get(conversationId) as { id: string; kind: 'direct' | 'group'; creator_id: string | null } | undefined;
    return row && { id: row.id, kind: row.kind, creatorId: row.creator_id, memberIds: memberIds(conversationId) };
  }

  /** The conversation's facts if the policy lets `userId` in; otherwise its refusal is thrown. */
  function requireMember(conversationId: string, userId: string): ConversationOf {
    const c = conversation(conversationId);
    enforce(canAccess(c, userId));
    return c!;
  }

  return { conversation, requireMember, memberIds };
}
