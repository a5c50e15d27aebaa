// Everything the interactive chat shows, and the one pure function that
// changes it. The controller does the talking (SDK, stream, timers) and
// dispatches what happened; the screens only read.
import type { Conversation, HistoryAnswer, Message, StreamState, User } from '../../sdk/index.js';
import { groupRemoved, groupUpdated } from './group-events.js';
import { deleted, expireTyping, mergeHistory, onMessage, pending, withOpen } from './messages.js';
import type { Me } from '../format.js';

export type Connection = 'offline' | 'connecting' | 'online' | 'reconnecting';
export type ScreenName = 'auth' | 'list' | 'conversation' | 'new' | 'group' | 'menu' | 'feed';
export type AuthMode = 'signin' | 'signup';

export interface FieldSpec {
  key: string;
  label: string;
  secret?: boolean;
}

export const AUTH_FIELDS: Record<AuthMode, FieldSpec[]> = {
  signin: [
    { key: 'login', label: 'Name or email' },
    { key: 'password', label: 'Password', secret: true },
  ],
  signup: [
    { key: 'name', label: 'Name' },
    { key: 'email', label: 'Email' },
    { key: 'password', label: 'Password', secret: true },
    { key: 'confirm', label: 'Password (again)', secret: true },
  ],
};

export interface AuthForm {
  mode: AuthMode;
  values: Record<string, string>;
  focus: number;
  busy: boolean;
}

/** A message as shown: one the server has, or one of ours still on its way (or refused). */
export interface Shown {
  /** The message id, or `pending:<clientId>` until the server has it. */
  key: string;
  message: Message;
  status: 'sent' | 'sending' | 'failed';
  error?: string;
}

export interface OpenConversation {
  /** null until the first message to a user one had no conversation with. */
  id: string | null;
  /** The other member of a direct conversation (oneself for notes to self). */
  peer: { id: string; name: string } | null;
  title: string;
  kind: 'direct' | 'group';
  shown: Shown[];
  hasMore: boolean;
  loading: 'first' | 'older' | null;
  /** Lines scrolled up from the newest one. */
  scroll: number;
  draft: string;
}

export interface Feed {
  kind: 'sent' | 'received';
  messages: Message[];
  loading: boolean;
  scroll: number;
}

export interface Search {
  query: string;
  results: User[];
  selected: number;
  searching: boolean;
}

/** The new-group form: a title, then the members' names. */
export interface GroupForm {
  title: string;
  members: string;
  focus: 0 | 1;
  busy: boolean;
}

export interface Typist {
  userId: string;
  name: string;
  until: number;
}

export interface Notice {
  text: string;
  kind: 'error' | 'info';
}

export interface State {
  server: string;
  me: Me | null;
  connection: Connection;
  retryInMs?: number;
  screen: ScreenName;
  auth: AuthForm;
  conversations: Conversation[];
  conversationsLoaded: boolean;
  /** The selected conversation's id (kept when the list reorders). */
  selected: string | null;
  open: OpenConversation | null;
  search: Search;
  menu: { selected: number; from: ScreenName };
  feed: Feed | null;
  /** Who is typing, by conversation id. */
  typing: Record<string, Typist[]>;
  online: Record<string, boolean>;
  /** What the other members have read, from their receipts: conversation id -> user id -> message id. */
  readUpTo: Record<string, Record<string, string>>;
  group: GroupForm;
  notice: Notice | null;
}

export type Action =
  | { type: 'screen'; screen: ScreenName }
  | { type: 'notice'; notice: Notice | null }
  | { type: 'auth/mode'; mode: AuthMode }
  | { type: 'auth/focus'; focus: number }
  | { type: 'auth/value'; key: string; value: string }
  | { type: 'auth/busy'; busy: boolean }
  | { type: 'auth/clear-secrets' }
  | { type: 'signed-in'; me: Me }
  | { type: 'signed-out'; notice?: Notice }
  | { type: 'connection'; state: StreamState; retryInMs?: number }
  | { type: 'conversations'; list: Conversation[] }
  | { type: 'select'; id: string | null }
  | { type: 'close' }
  | { type: 'open'; open: OpenConversation }
  | { type: 'open/bind'; id: string }
  | { type: 'open/loading'; loading: 'first' | 'older' | null }
  | { type: 'history'; conversationId: string; page: HistoryAnswer }
  | { type: 'draft'; text: string }
  | { type: 'scroll'; by: number; max: number }
  | { type: 'message'; message: Message }
  | { type: 'pending'; clientId: string; body: string }
  | { type: 'send-failed'; clientId: string; error: string }
  | { type: 'message-deleted'; conversationId: string; messageId: string }
  | { type: 'read'; conversationId: string }
  | { type: 'typing'; conversationId: string; typist: Typist }
  | { type: 'typing-expire'; now: number }
  | { type: 'presence'; userId: string; online: boolean }
  | { type: 'receipt'; conversationId: string; userId: string; messageId: string }
  | { type: 'group-updated'; conversation: Conversation }
  | { type: 'group-removed'; conversationId: string }
  | { type: 'group/open' }
  | { type: 'group/value'; key: 'title' | 'members'; value: string }
  | { type: 'group/focus'; focus: 0 | 1 }
  | { type: 'group/busy'; busy: boolean }
  | { type: 'search/query'; query: string }
  | { type: 'search/results'; query: string; users: User[] }
  | { type: 'search/select'; selected: number }
  | { type: 'menu/open' }
  | { type: 'menu/select'; selected: number }
  | { type: 'feed'; feed: Feed }
  | { type: 'feed/scroll'; by: number; max: number };

export function initialState(server: string, me: Me | null): State {
  return {
    server,
    me,
    connection: 'offline',
    screen: me ? 'list' : 'auth',
    auth: { mode: 'signin', values: {}, focus: 0, busy: false },
    conversations: [],
    conversationsLoaded: false,
    selected: null,
    open: null,
    search: { query: '', results: [], selected: 0, searching: false },
    menu: { selected: 0, from: 'list' },
    feed: null,
    typing: {},
    online: {},
    readUpTo: {},
    group: EMPTY_GROUP,
    notice: null,
  };
}

const EMPTY_GROUP: GroupForm = { title: '', members: '', focus: 0, busy: false };

const CONNECTION: Record<StreamState, Connection> = {
  connecting: 'connecting',
  open: 'online',
  reconnecting: 'reconnecting',
  closed: 'offline',
  unauthorized: 'offline',
};

export function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'screen':
      return { ...state, screen: action.screen };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'auth/mode':
      return { ...state, auth: { mode: action.mode, values: {}, focus: 0, busy: false } };
    case 'auth/focus':
      return { ...state, auth: { ...state.auth, focus: action.focus } };
    case 'auth/value':
      return { ...state, auth: { ...state.auth, values: { ...state.auth.values, [action.key]: action.value } } };
    case 'auth/busy':
      return { ...state, auth: { ...state.auth, busy: action.busy } };
    case 'auth/clear-secrets': {
      const values = { ...state.auth.values };
      for (const f of AUTH_FIELDS[state.auth.mode]) if (f.secret) delete values[f.key];
      return { ...state, auth: { ...state.auth, values } };
    }
    case 'signed-in':
      return { ...initialState(state.server, action.me), notice: state.notice };
    case 'signed-out':
      return { ...initialState(state.server, null), notice: action.notice ?? null };
    case 'connection':
      return { ...state, connection: CONNECTION[action.state], retryInMs: action.retryInMs };
    case 'conversations': {
      const selected = action.list.some((c) => c.id === state.selected) ? state.selected : (action.list[0]?.id ?? null);
      const list = state.open?.id ? action.list.map((c) => (c.id === state.open?.id ? { ...c, unread: 0 } : c)) : action.list;
      return { ...state, conversations: list, conversationsLoaded: true, selected };
    }
    case 'select':
      return { ...state, selected: action.id };
    case 'close':
      return { ...state, open: null, feed: null, screen: 'list' };
    case 'open':
      return { ...state, open: action.open, screen: 'conversation', selected: action.open.id ?? state.selected };
    case 'open/bind':
      return state.open ? { ...state, open: { ...state.open, id: action.id }, selected: action.id } : state;
    case 'open/loading':
      return state.open ? { ...state, open: { ...state.open, loading: action.loading } } : state;
    case 'history':
      return withOpen(state, action.conversationId, (open) => mergeHistory(open, action.page));
    case 'draft':
      return state.open ? { ...state, open: { ...state.open, draft: action.text } } : state;
    case 'scroll':
      return state.open ? { ...state, open: { ...state.open, scroll: clamp(state.open.scroll + action.by, 0, action.max) } } : state;
    case 'message':
      return onMessage(state, action.message);
    case 'pending':
      return pending(state, action.clientId, action.body);
    case 'send-failed': {
      if (!state.open) return state;
      const failed = state.open.shown.find((s) => s.key === `pending:${action.clientId}`);
      // The text comes back to the input for a retry, unless something new was typed meanwhile.
      const draft = state.open.draft === '' && failed ? failed.message.body : state.open.draft;
      return { ...state, open: { ...state.open, draft, shown: state.open.shown.map((s) => (s === failed ? { ...s, status: 'failed' as const, error: action.error } : s)) } };
    }
    case 'message-deleted':
      return deleted(state, action.conversationId, action.messageId);
    case 'read':
      return { ...state, conversations: state.conversations.map((c) => (c.id === action.conversationId ? { ...c, unread: 0 } : c)) };
    case 'typing': {
      const others = (state.typing[action.conversationId] ?? []).filter((t) => t.userId !== action.typist.userId);
      return { ...state, typing: { ...state.typing, [action.conversationId]: [...others, action.typist] } };
    }
    case 'receipt':
      return { ...state, readUpTo: { ...state.readUpTo, [action.conversationId]: { ...state.readUpTo[action.conversationId], [action.userId]: action.messageId } } };
    case 'group-updated':
      return groupUpdated(state, action.conversation);
    case 'group-removed':
      return groupRemoved(state, action.conversationId);
    case 'group/open':
      return { ...state, group: EMPTY_GROUP, screen: 'group' };
    case 'group/value':
      return { ...state, group: { ...state.group, [action.key]: action.value } };
    case 'group/focus':
      return { ...state, group: { ...state.group, focus: action.focus } };
    case 'group/busy':
      return { ...state, group: { ...state.group, busy: action.busy } };
    case 'typing-expire':
      return { ...state, typing: expireTyping(state.typing, action.now) };
    case 'presence':
      return { ...state, online: { ...state.online, [action.userId]: action.online } };
    case 'search/query':
      return { ...state, search: { ...state.search, query: action.query, searching: action.query.trim() !== '', results: action.query.trim() === '' ? [] : state.search.results } };
    case 'search/results':
      if (action.query !== state.search.query) return state; // an answer to an older query
      return { ...state, search: { ...state.search, results: action.users, selected: 0, searching: false } };
    case 'search/select':
      return { ...state, search: { ...state.search, selected: action.selected } };
    case 'menu/open':
      return { ...state, screen: 'menu', menu: { selected: 0, from: state.screen === 'menu' ? state.menu.from : state.screen } };
    case 'menu/select':
      return { ...state, menu: { ...state.menu, selected: action.selected } };
    case 'feed':
      return { ...state, feed: action.feed, screen: 'feed' };
    case 'feed/scroll':
      return state.feed ? { ...state, feed: { ...state.feed, scroll: clamp(state.feed.scroll + action.by, 0, action.max) } } : state;
  }
}

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, n));
}


/** The conversation the list has selected. */
export function selectedConversation(state: State): Conversation | undefined {
  return state.conversations.find((c) => c.id === state.selected);
}

/** "bob is typing…", "bob and carol are typing…", or undefined. */
export function typingLine(state: State, conversationId: string | null | undefined): string | undefined {
  if (!conversationId) return undefined;
  const names = (state.typing[conversationId] ?? []).map((t) => t.name);
  if (names.length === 0) return undefined;
  if (names.length === 1) return `${names[0]} is typing…`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}
