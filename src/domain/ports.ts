// What the domain needs from the outside world, in the domain's words.
// store/ and bus/ implement these; main.ts picks the implementations.
import type { Conversation, FeedEvent, Message, StreamEvent, User } from '../contract/index.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Hasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface Random {
  /** A new opaque id for a stored object. */
  id(): string;
  /** A new bearer token, at least 128 bits of randomness. */
  token(): string;
}

/** An account as stored, with what only the server may see. */
export interface UserRecord {
  id: string;
  name: string;
  email: string;
  passwordHash: string;
  createdAt: number;
}

export interface Session {
  user: UserRecord;
  device: DeviceRecord;
}

export interface DeviceRecord {
  id: string;
  userId: string;
  name: string;
  createdAt: number;
  lastSeenAt: number;
}

/** One event for one account, ready to hand to that account's streams. */
export interface Delivery {
  userId: string;
  event: FeedEvent;
}

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

/** What deleting an account did: the devices to revoke and the events to publish after commit. */
export interface DeletedUser {
  deviceIds: string[];
  /** One `message.deleted` per retained message of the account, for every other member of its conversation. */
  deliveries: Delivery[];
}

export interface EventPage {
  events: FeedEvent[];
  /** Position after the last event read (or the `after` given when nothing was read). */
  last: number;
  hasMore: boolean;
}

export interface LegacyInboxItem {
  senderName: string;
  body: string;
  createdAt: number;
}

/**
 * Persistence in domain words. Every write is one transaction, durable on disk
 * when its promise resolves; events are written in the same transaction as what
 * they describe. Methods that check membership throw AppError codes.
 */
export interface Store {
  ping(): Promise<void>;
  close(): Promise<void>;

  // accounts
  createUser(u: UserRecord): Promise<void>;
  getUser(id: string): Promise<UserRecord | null>;
  findUserByName(name: string): Promise<UserRecord | null>;
  findUserByLogin(login: string): Promise<UserRecord | null>;
  searchUsers(query: string, limit: number): Promise<User[]>;
  updateUser(id: string, change: { email?: string; passwordHash?: string }): Promise<void>;
  /**
   * Deletes the account, its devices, its messages and memberships. Every other member of a
   * conversation gets a `message.deleted` event for each of the account's messages retained at `now`.
   */
  deleteUser(id: string, now: number): Promise<DeletedUser>;

  // devices
  createDevice(d: DeviceRecord & { tokenHash: string; legacyName?: string }): Promise<void>;
  findSession(tokenHash: string): Promise<Session | null>;
  findLegacyDevice(legacyName: string): Promise<Session | null>;
  touchDevice(id: string, now: number): Promise<void>;
  listDevices(userId: string): Promise<DeviceRecord[]>;
  renameDevice(userId: string, deviceId: string, name: string): Promise<DeviceRecord | null>;
  deleteDevice(userId: string, deviceId: string): Promise<boolean>;
  /** Deletes every device of the user but one; returns the deleted ids. */
  deleteOtherDevices(userId: string, keepDeviceId: string): Promise<string[]>;

  // messaging
  appendMessage(m: AppendMessage): Promise<AppendResult>;
  listConversations(userId: string, now: number): Promise<Conversation[]>;
  getConversation(conversationId: string, userId: string, now: number): Promise<Conversation>;
  createGroup(g: { id: string; title: string; creatorId: string; memberIds: string[]; now: number }): Promise<void>;
  addMember(conversationId: string, actorId: string, userId: string, now: number): Promise<void>;
  removeMember(conversationId: string, actorId: string, userId: string): Promise<void>;
  listMessages(q: { conversationId: string; userId: string; before: string | null; limit: number; now: number }): Promise<{ messages: Message[]; hasMore: boolean }>;
  markRead(q: { conversationId: string; userId: string; messageId: string; now: number }): Promise<Delivery[]>;
  deleteMessage(q: { messageId: string; userId: string; now: number }): Promise<Delivery[]>;
  readEvents(q: { userId: string; after: number; limit: number; now: number }): Promise<EventPage>;
  /** The members of a conversation the caller belongs to (throws not_a_member / conversation_not_found). */
  memberIdsOf(conversationId: string, userId: string): Promise<string[]>;
  /** Everyone who shares a conversation with the user: who sees the user's presence. */
  contactIds(userId: string): Promise<string[]>;
  /** The newest event position of the account (0 when none). */
  lastEventPosition(userId: string): Promise<number>;

  // retention
  /** Deletes up to `limit` expired messages (and their events); returns how many. */
  purgeExpired(now: number, limit: number): Promise<number>;

  // the seed's API
  legacyInbox(userId: string, now: number): Promise<LegacyInboxItem[]>;
}

/** A message on the bus: an event for every open stream of one account, or of one of its devices. */
export interface BusMessage {
  userId: string;
  /** When set, only this device's streams get it. */
  deviceId?: string;
  event: StreamEvent;
}

/** Carries events from the process that committed them to every process holding streams. */
export interface EventBus {
  publish(messages: BusMessage[]): void;
  /** Calls `handler` for every message addressed to `userId`; returns the unsubscribe. */
  subscribe(userId: string, handler: (m: BusMessage) => void): () => void;
  close(): Promise<void>;
}

/** Counters the domain reports; the ops layer turns them into metrics. */
export interface Telemetry {
  messageSent(): void;
  login(): void;
  purged(count: number): void;
}

export const noTelemetry: Telemetry = { messageSent() {}, login() {}, purged() {} };
