// The chat as the app knows it, changed only by this pure reducer: answers of
// the API and events of the stream go in, the screens read what comes out.
// Pure so it is unit-tested without a browser (test/unit/web-chat-state.test.ts).
import type { Conversation, Message, StreamEvent } from '../../../src/sdk/index.js';

/**
 * The conversation events of API.md. Declared here as well as in the SDK's
 * union so the app handles them whether or not the server sends them yet.
 */
export type ConversationUpdatedEvent = { type: 'conversation.updated'; cursor: string; conversation: Conversation };
export type ConversationRemovedEvent = { type: 'conversation.removed'; cursor: string; conversationId: string };
export type ChatEvent = StreamEvent | ConversationUpdatedEvent | ConversationRemovedEvent;

export interface History {
  /** Oldest first, as the API pages them. */
  items: Message[];
  hasMore: boolean;
}

export interface ChatState {
  meId: string;
  conversations: Record<string, Conversation>;
  /** When each conversation last saw activity: orders the list. */
  activity: Record<string, string>;
  histories: Record<string, History>;
  /** conversationId -> userId -> when their typing indicator lapses (ms since epoch). */
  typing: Record<string, Record<string, number>>;
  online: Record<string, boolean>;
  /** conversationId -> userId -> the last message id that member has read. */
  readBy: Record<string, Record<string, string>>;
  /** The conversation on screen, whose new messages count as read. */
  openId: string | null;
  /** Set when an event names a conversation we do not know: the list must be fetched again. */
  stale: boolean;
  loaded: boolean;
}

export type ChatAction =
  | { type: 'conversations'; conversations: Conversation[] }
  | { type: 'history'; conversationId: string; messages: Message[]; hasMore: boolean; older: boolean }
  | { type: 'event'; event: ChatEvent; now: number; visible: boolean }
  | { type: 'sent'; message: Message }
  | { type: 'open'; conversationId: string | null }
  | { type: 'conversation'; conversation: Conversation }
  | { type: 'removed'; conversationId: string }
  | { type: 'tick'; now: number };

export const TYPING_MS = 5000;

export function initialState(meId: string): ChatState {
  return { meId, conversations: {}, activity: {}, histories: {}, typing: {}, online: {}, readBy: {}, openId: null, stale: false, loaded: false };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
}

function expired(m: Message, now: number): boolean {
  return m.expiresAt !== null && Date.parse(m.expiresAt) <= now;
}

/** Adds a message to a loaded history once, in order, whether it came by the stream, the send answer or both. */
function withMessage(history: History | undefined, message: Message): History | undefined {
  if (!history || history.items.some((m) => m.id === message.id)) return history;
  const items = [...history.items, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { ...history, items };
}

function addMessage(state: ChatState, message: Message, counts: { unread: boolean }): ChatState {
  const id = message.conversationId;
  const conversation = state.conversations[id];
  if (!conversation) return { ...state, stale: true }; // a conversation begun elsewhere: fetch the list
  const known = conversation.lastMessage?.id === message.id || state.histories[id]?.items.some((m) => m.id === message.id);
  const newer = !conversation.lastMessage || conversation.lastMessage.createdAt <= message.createdAt;
  const unread = counts.unread && !known && message.sender.id !== state.meId ? conversation.unread + 1 : conversation.unread;
  const history = withMessage(state.histories[id], message);
  const typing = state.typing[id] ? { ...state.typing, [id]: without(state.typing[id], message.sender.id) } : state.typing;
  return {
    ...state,
    conversations: { ...state.conversations, [id]: { ...conversation, lastMessage: newer ? message : conversation.lastMessage, unread } },
    activity: newer ? { ...state.activity, [id]: message.createdAt } : state.activity,
    histories: history ? { ...state.histories, [id]: history } : state.histories,
    typing,
  };
}

/** Drops messages from histories and previews, fixing each preview to the last message still shown. */
function dropMessages(state: ChatState, gone: (m: Message) => boolean): ChatState {
  let changed = false;
  const histories: Record<string, History> = {};
  for (const [id, h] of Object.entries(state.histories)) {
    const items = h.items.filter((m) => !gone(m));
    changed ||= items.length !== h.items.length;
    histories[id] = items.length === h.items.length ? h : { ...h, items };
  }
  const conversations: Record<string, Conversation> = {};
  for (const [id, c] of Object.entries(state.conversations)) {
    if (c.lastMessage && gone(c.lastMessage)) {
      changed = true;
      conversations[id] = { ...c, lastMessage: histories[id]?.items.at(-1) ?? null };
    } else {
      conversations[id] = c;
    }
  }
  return changed ? { ...state, histories, conversations } : state;
}

function upsertConversation(state: ChatState, conversation: Conversation, now: number): ChatState {
  const old = state.conversations[conversation.id];
  // An update about members or title keeps what this client knows of messages and unread counts.
  const merged = old ? { ...conversation, lastMessage: conversation.lastMessage ?? old.lastMessage, unread: old.unread } : conversation;
  const activity = state.activity[conversation.id] ?? merged.lastMessage?.createdAt ?? new Date(now).toISOString();
  return { ...state, conversations: { ...state.conversations, [conversation.id]: merged }, activity: { ...state.activity, [conversation.id]: activity } };
}

function removeConversation(state: ChatState, id: string): ChatState {
  return {
    ...state,
    conversations: without(state.conversations, id),
    activity: without(state.activity, id),
    histories: without(state.histories, id),
    typing: without(state.typing, id),
    readBy: without(state.readBy, id),
    openId: state.openId === id ? null : state.openId,
  };
}

function applyEvent(state: ChatState, event: ChatEvent, now: number, visible: boolean): ChatState {
  switch (event.type) {
    case 'message':
      if (expired(event.message, now)) return state;
      return addMessage(state, event.message, { unread: !(visible && state.openId === event.message.conversationId) });
    case 'message.deleted':
      return dropMessages(state, (m) => m.id === event.messageId);
    case 'receipt': {
      const conversation = state.conversations[event.conversationId];
      if (event.userId === state.meId) {
        // Read on another of my devices (or this one): nothing is unread there any more.
        if (!conversation) return state;
        return { ...state, conversations: { ...state.conversations, [conversation.id]: { ...conversation, unread: 0 } } };
      }
      const readers = { ...state.readBy[event.conversationId], [event.userId]: event.messageId };
      return { ...state, readBy: { ...state.readBy, [event.conversationId]: readers } };
    }
    case 'typing': {
      if (event.userId === state.meId) return state;
      const lapse = { ...state.typing[event.conversationId], [event.userId]: now + TYPING_MS };
      return { ...state, typing: { ...state.typing, [event.conversationId]: lapse } };
    }
    case 'presence':
      return { ...state, online: { ...state.online, [event.userId]: event.online } };
    case 'conversation.updated':
      if (!event.conversation.members.some((m) => m.id === state.meId)) return removeConversation(state, event.conversation.id);
      return upsertConversation(state, event.conversation, now);
    case 'conversation.removed':
      return removeConversation(state, event.conversationId);
    default:
      return state; // ready, pong, device.revoked: the connection's business, not the chat's
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'conversations': {
      const conversations: Record<string, Conversation> = {};
      const activity: Record<string, string> = {};
      // The server lists most recent first; a conversation without messages keeps the activity we saw, else sorts last.
      for (const c of action.conversations) {
        // The open conversation is on screen: what the server still counts unread is being read now.
        conversations[c.id] = c.id === state.openId && c.unread > 0 ? { ...c, unread: 0 } : c;
        activity[c.id] = c.lastMessage?.createdAt ?? state.activity[c.id] ?? '';
      }
      const histories = Object.fromEntries(Object.entries(state.histories).filter(([id]) => id in conversations));
      return { ...state, conversations, activity, histories, stale: false, loaded: true };
    }
    case 'history': {
      const old = state.histories[action.conversationId];
      let history: History;
      if (action.older && old) {
        history = { items: [...action.messages.filter((m) => !old.items.some((o) => o.id === m.id)), ...old.items], hasMore: action.hasMore };
      } else {
        // A first page answered after live messages arrived keeps those too.
        history = { items: action.messages, hasMore: action.hasMore };
        for (const m of old?.items ?? []) history = withMessage(history, m) ?? history;
      }
      return { ...state, histories: { ...state.histories, [action.conversationId]: history } };
    }
    case 'event':
      return applyEvent(state, action.event, action.now, action.visible);
    case 'sent':
      return addMessage(state, action.message, { unread: false });
    case 'open': {
      const id = action.conversationId;
      const conversation = id ? state.conversations[id] : undefined;
      const conversations = conversation && conversation.unread > 0 ? { ...state.conversations, [conversation.id]: { ...conversation, unread: 0 } } : state.conversations;
      return { ...state, openId: id, conversations };
    }
    case 'conversation':
      return upsertConversation(state, action.conversation, Date.now());
    case 'removed':
      return removeConversation(state, action.conversationId);
    case 'tick': {
      const typing: ChatState['typing'] = {};
      let changed = false;
      for (const [id, users] of Object.entries(state.typing)) {
        const live = Object.fromEntries(Object.entries(users).filter(([, until]) => until > action.now));
        changed ||= Object.keys(live).length !== Object.keys(users).length;
        typing[id] = live;
      }
      const next = dropMessages(state, (m) => expired(m, action.now));
      return changed ? { ...next, typing } : next;
    }
  }
}

// Reading the state

/** Most recent activity first. */
export function conversationList(state: ChatState): Conversation[] {
  return Object.values(state.conversations).sort((a, b) => (state.activity[b.id] ?? '').localeCompare(state.activity[a.id] ?? ''));
}

export function totalUnread(state: ChatState): number {
  return Object.values(state.conversations).reduce((n, c) => n + c.unread, 0);
}

/** The next moment something must change without an event: a message expires or a typing indicator lapses. */
export function nextDeadline(state: ChatState): number | null {
  let next = Infinity;
  for (const h of Object.values(state.histories)) for (const m of h.items) if (m.expiresAt) next = Math.min(next, Date.parse(m.expiresAt));
  for (const c of Object.values(state.conversations)) if (c.lastMessage?.expiresAt) next = Math.min(next, Date.parse(c.lastMessage.expiresAt));
  for (const users of Object.values(state.typing)) for (const until of Object.values(users)) next = Math.min(next, until);
  return Number.isFinite(next) ? next : null;
}

/** The others typing in a conversation, by name. */
export function typingNames(state: ChatState, conversationId: string): string[] {
  const users = state.typing[conversationId] ?? {};
  const members = state.conversations[conversationId]?.members ?? [];
  return Object.keys(users).map((id) => members.find((m) => m.id === id)?.name ?? '…');
}

/**
 * The id of my last message that another member has read, by position in
 * the loaded history (ids are opaque, so "read up to" is judged by order).
 */
export function seenMessageId(state: ChatState, conversationId: string): string | null {
  const items = state.histories[conversationId]?.items ?? [];
  const readers = state.readBy[conversationId] ?? {};
  let furthest = -1;
  for (const [userId, messageId] of Object.entries(readers)) {
    if (userId === state.meId) continue;
    furthest = Math.max(furthest, items.findIndex((m) => m.id === messageId));
  }
  for (let i = furthest; i >= 0; i--) if (items[i]?.sender.id === state.meId) return items[i]!.id;
  return null;
}

/** The direct conversation with a user (yourself included), if one exists. */
export function directWith(state: ChatState, userId: string): Conversation | undefined {
  return Object.values(state.conversations).find((c) =>
    c.kind === 'direct' && (userId === state.meId ? c.members.every((m) => m.id === userId) : c.members.some((m) => m.id === userId)));
}

/** What the list and header call a conversation: its title, or the other member's name. */
export function conversationName(conversation: Conversation, meId: string): string {
  if (conversation.title) return conversation.title;
  const others = conversation.members.filter((m) => m.id !== meId);
  return (others.length ? others : conversation.members).map((m) => m.name).join(', ');
}
