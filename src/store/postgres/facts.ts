// What the domain's policy needs to know of a conversation, read on whichever
// connection runs the call. A write reads it with `lock`: the conversation's
// row stays locked until its transaction ends, so two writes that decide on the
// same members (two adds near the size limit, a send racing a removal) take
// turns, each deciding on what the other committed.
import type { ConversationFacts } from '../../domain/policy/index.js';
import { canAccess, enforce } from '../../domain/policy/index.js';
import { sql, type Sql } from './db.js';

export type ConversationOf = ConversationFacts & { id: string };

interface ConversationRow {
  id: string;
  kind: 'direct' | 'group';
  creator_id: string | null;
}

const q = {
  conversation: sql('SELECT id, kind, creator_id FROM conversations WHERE id = $1'),
  lockedConversation: sql('SELECT id, kind, creator_id FROM conversations WHERE id = $1 FOR UPDATE'),
  memberIds: sql('SELECT user_id FROM members WHERE conversation_id = $1'),
};

export async function memberIds(db: Sql, conversationId: string): Promise<string[]> {
  return (await db.rows<{ user_id: string }>(q.memberIds, conversationId)).map((r) => r.user_id);
}

/** The conversation's facts; undefined when there is none. */
export async function conversationFacts(db: Sql, conversationId: string, options: { lock?: boolean } = {}): Promise<ConversationOf | undefined> {
  const [row] = await db.rows<ConversationRow>(options.lock ? q.lockedConversation : q.conversation, conversationId);
  return row && { id: row.id, kind: row.kind, creatorId: row.creator_id, memberIds: await memberIds(db, conversationId) };
}

/** The conversation's facts if the policy lets `userId` in; otherwise its refusal is thrown. */
export async function requireMember(db: Sql, conversationId: string, userId: string, options: { lock?: boolean } = {}): Promise<ConversationOf> {
  const c = await conversationFacts(db, conversationId, options);
  enforce(canAccess(c, userId));
  return c!;
}
