// Messages: sends (idempotent by clientId), history, receipts, deletes.
import type { Message } from '../../contract/index.js';
import type { Delivery } from './feed.js';

export type ConversationTarget = { conversationId: string } | { directWithUserId: string };

export interface AppendMessage {
  id: string;
  senderId: string;
  deviceId: string;
  target: ConversationTarget;
  /** Used when the send creates a direct conversation. */
  newConversationId: string;
  body: string;
  clientId: string | null;
  now: number;
  expiresAt: number | null;
}

export interface AppendResult {
  message: Message;
  /** False when the clientId was seen before and `message` is the original. */
  created: boolean;
  deliveries: Delivery[];
}

export interface HistoryPageQuery {
  conversationId: string;
  userId: string;
  /** A message id: the page ends just before it (message_not_found if it is not in the conversation). */
  before: string | null;
  limit: number;
  now: number;
}

export interface LegacyInboxItem {
  senderName: string;
  body: string;
  createdAt: number;
}

export interface MessageStore {
  /** Stores the message and its `message` event for every member, or returns the original of a repeated clientId. */
  append(message: AppendMessage): Promise<AppendResult>;
  /** A page of retained messages, oldest first. */
  history(query: HistoryPageQuery): Promise<{ messages: Message[]; hasMore: boolean }>;
  /** Moves the user's read mark; every member gets a `receipt` event. */
  markRead(query: { conversationId: string; userId: string; messageId: string; now: number }): Promise<Delivery[]>;
  /** Deletes a message (sender only); its `message` events go, every member gets `message.deleted`. */
  delete(query: { messageId: string; userId: string; now: number }): Promise<Delivery[]>;
  /** The seed API's inbox: retained messages others sent to the user (and the user's notes to self), oldest first. */
  legacyInbox(userId: string, now: number): Promise<LegacyInboxItem[]>;
}
