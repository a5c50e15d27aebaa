// Conversations and their members. Each call that acts on a conversation runs
// the domain's policy on what it read, inside its transaction.
import type { Conversation } from '../../contract/index.js';
import type { Delivery } from './feed.js';

/**
 * When the events a change writes leave the feed: the message TTL from now, as
 * messages do, so the feed does not grow forever; null or absent keeps them.
 */
export interface EventsExpiry {
  eventsExpireAt?: number | null;
}

export interface NewGroup extends EventsExpiry {
  id: string;
  title: string;
  creatorId: string;
  /** Every member, the creator included; the size was checked by the policy. */
  memberIds: string[];
  now: number;
}

export interface MemberChange extends EventsExpiry {
  conversationId: string;
  /** Who asks: the policy (canAddMember, canRemoveMember) decides. */
  actorId: string;
  userId: string;
  now: number;
}

export interface Rename extends EventsExpiry {
  conversationId: string;
  /** Who asks: the policy (canRename) decides. */
  actorId: string;
  title: string;
  now: number;
}

// Every change of a group writes its events in its transaction and returns them
// to publish after commit: `conversation.updated` to every member (the new one
// included), `conversation.removed` to whoever left or was removed.
export interface ConversationStore {
  /** The user's conversations, most recent activity first. */
  list(userId: string, now: number): Promise<Conversation[]>;
  /** As `userId` sees it (throws conversation_not_found / not_a_member). */
  get(conversationId: string, userId: string, now: number): Promise<Conversation>;
  createGroup(group: NewGroup): Promise<Delivery[]>;
  /** Gives a group a new title (any member). */
  rename(change: Rename): Promise<Delivery[]>;
  /** Adds `userId` to a group of at most `maxGroupSize` members; adding a member again changes nothing (and tells no one). */
  addMember(change: MemberChange & { maxGroupSize: number }): Promise<Delivery[]>;
  /** `userId` leaves (actor = user) or is removed by the group's creator. */
  removeMember(change: MemberChange): Promise<Delivery[]>;
  /** The members of a conversation the caller belongs to (throws not_a_member / conversation_not_found). */
  memberIds(conversationId: string, userId: string): Promise<string[]>;
  /** Everyone who shares a conversation with the user: who sees the user's presence. */
  contactIds(userId: string): Promise<string[]>;
}
