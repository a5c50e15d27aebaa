// Who may see, send to, rename and change the members of a conversation.
import { AppError } from '../errors.js';
import { allow, type Verdict } from './verdict.js';

/** What the rules need to know of a conversation, as the store read it inside the transaction. */
export interface ConversationFacts {
  kind: 'direct' | 'group';
  /** Who created a group (null for a direct conversation). */
  creatorId: string | null;
  memberIds: readonly string[];
}

export const DEFAULT_MAX_GROUP_SIZE = 256;

const notFound = () => new AppError('conversation_not_found', 'No such conversation');
const notAMember = () => new AppError('not_a_member', 'You are not a member of this conversation');
const tooLarge = (max: number) => new AppError('forbidden', `A group has at most ${max} members`);

/** Reading, sending, receipts, typing: members only. `conversation` is undefined when it does not exist. */
export function canAccess(conversation: ConversationFacts | undefined, actorId: string): Verdict {
  if (!conversation) return notFound();
  if (!conversation.memberIds.includes(actorId)) return notAMember();
  return allow;
}

/** A direct conversation starts with the first message to someone who exists. */
export function canStartDirect(recipientExists: boolean): Verdict {
  return recipientExists ? allow : new AppError('user_not_found', 'No such user');
}

/** A group of `memberCount` members, its creator included. */
export function canCreateGroup(memberCount: number, maxGroupSize: number): Verdict {
  return memberCount > maxGroupSize ? tooLarge(maxGroupSize) : allow;
}

/** Any member may rename a group; a direct conversation has no title. */
export function canRename(conversation: ConversationFacts | undefined, actorId: string): Verdict {
  const refused = canAccess(conversation, actorId);
  if (refused) return refused;
  if (conversation!.kind === 'direct') return new AppError('forbidden', 'A direct conversation has no title; create a group instead');
  return allow;
}

/** Any member may add someone to a group, up to its maximum size; adding a member again changes nothing. */
export function canAddMember(conversation: ConversationFacts | undefined, actorId: string, targetId: string, maxGroupSize: number): Verdict {
  const refused = canAccess(conversation, actorId);
  if (refused) return refused;
  const c = conversation!;
  if (c.kind === 'direct') return new AppError('forbidden', 'A direct conversation has exactly two members; create a group instead');
  if (!c.memberIds.includes(targetId) && c.memberIds.length >= maxGroupSize) return tooLarge(maxGroupSize);
  return allow;
}

/** A member may leave a group; only its creator removes others; a direct conversation keeps its two members. */
export function canRemoveMember(conversation: ConversationFacts | undefined, actorId: string, targetId: string): Verdict {
  const refused = canAccess(conversation, actorId);
  if (refused) return refused;
  const c = conversation!;
  if (c.kind === 'direct') return new AppError('forbidden', 'You cannot leave a direct conversation');
  if (targetId !== actorId && c.creatorId !== actorId) return new AppError('forbidden', 'Only the creator of a group can remove others');
  if (!c.memberIds.includes(targetId)) return new AppError('user_not_found', 'That user is not a member');
  return allow;
}
