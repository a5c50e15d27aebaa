// How messages change what is shown: history pages, live and sent messages,
// our own messages still on their way, deletions, and who is typing.
import type { Conversation, HistoryAnswer, Message } from '../../sdk/index.js';
import type { OpenConversation, Shown, State, Typist } from './state.js';

export function withOpen(state: State, conversationId: string, change: (open: OpenConversation) => OpenConversation): State {
  return state.open && state.open.id === conversationId ? { ...state, open: change(state.open) } : state;
}

const sent = (message: Message): Shown => ({ key: message.id, message, status: 'sent' });

/**
 * A page of history joined with what is shown: the page first (it is older than
 * anything already there, whether a first page or an older one), then what was
 * shown and is not in it, our unsent messages last. Order comes from the server,
 * never from clocks: several messages can share a millisecond.
 */
export function mergeHistory(open: OpenConversation, page: HistoryAnswer): OpenConversation {
  const known = new Set(page.messages.map((m) => m.id));
  const delivered = open.shown.filter((s) => s.status === 'sent' && !known.has(s.key));
  const waiting = open.shown.filter((s) => s.status !== 'sent');
  return { ...open, shown: [...page.messages.map(sent), ...delivered, ...waiting], hasMore: page.hasMore, loading: null };
}

export function pending(state: State, clientId: string, body: string): State {
  if (!state.open || !state.me) return state;
  const message: Message = {
    id: `pending:${clientId}`,
    conversationId: state.open.id ?? '',
    sender: { id: state.me.id, name: state.me.name },
    body,
    createdAt: new Date().toISOString(),
    expiresAt: null,
    clientId,
  };
  return { ...state, open: { ...state.open, shown: [...state.open.shown, { key: message.id, message, status: 'sending' }], scroll: 0 } };
}

/** A message from the stream or from our own send: into the open conversation, the list and the feed, once. */
export function onMessage(state: State, m: Message): State {
  const mine = m.sender.id === state.me?.id;
  const isOpen = state.open?.id === m.conversationId;
  let next = state;

  if (isOpen && state.open) {
    const open = state.open;
    if (!open.shown.some((s) => s.key === m.id)) {
      const pendingKey = m.clientId && mine ? `pending:${m.clientId}` : undefined;
      const replaced = pendingKey !== undefined && open.shown.some((s) => s.key === pendingKey);
      const shown = replaced ? open.shown.map((s) => (s.key === pendingKey ? sent(m) : s)) : insertInOrder(open.shown, sent(m));
      next = { ...next, open: { ...open, shown } };
    }
  }

  const index = next.conversations.findIndex((c) => c.id === m.conversationId);
  if (index >= 0) {
    const c = next.conversations[index]!;
    const newer = !c.lastMessage || c.lastMessage.createdAt <= m.createdAt;
    const counted = c.lastMessage?.id === m.id;
    const updated: Conversation = {
      ...c,
      lastMessage: newer ? m : c.lastMessage,
      unread: mine || isOpen || counted ? (isOpen ? 0 : c.unread) : c.unread + 1,
    };
    const rest = next.conversations.filter((_, i) => i !== index);
    next = { ...next, conversations: newer ? [updated, ...rest] : next.conversations.map((x, i) => (i === index ? updated : x)) };
  }

  const typing = next.typing[m.conversationId];
  if (typing?.some((t) => t.userId === m.sender.id)) {
    next = { ...next, typing: { ...next.typing, [m.conversationId]: typing.filter((t) => t.userId !== m.sender.id) } };
  }

  const feed = next.feed;
  if (feed && !feed.loading && (feed.kind === 'sent') === mine && !feed.messages.some((x) => x.id === m.id)) {
    next = { ...next, feed: { ...feed, messages: [...feed.messages, m] } };
  }
  return next;
}

/** The stream delivers in order, so a new message goes last, before our unsent ones. */
function insertInOrder(shown: Shown[], item: Shown): Shown[] {
  const firstWaiting = shown.findIndex((s) => s.status !== 'sent');
  const at = firstWaiting === -1 ? shown.length : firstWaiting;
  return [...shown.slice(0, at), item, ...shown.slice(at)];
}

export function deleted(state: State, conversationId: string, messageId: string): State {
  let next = withOpen(state, conversationId, (open) => ({ ...open, shown: open.shown.filter((s) => s.key !== messageId) }));
  if (next.feed) next = { ...next, feed: { ...next.feed, messages: next.feed.messages.filter((m) => m.id !== messageId) } };
  return next;
}

export function expireTyping(typing: Record<string, Typist[]>, now: number): Record<string, Typist[]> {
  const out: Record<string, Typist[]> = {};
  for (const [id, list] of Object.entries(typing)) {
    const left = list.filter((t) => t.until > now);
    if (left.length) out[id] = left;
  }
  return out;
}

