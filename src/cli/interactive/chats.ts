// The conversations side of the interactive chat: the list, opening one,
// history pages, read receipts, sending, typing frames, finding a user, and
// the sent / received views. Every SDK call of a signed-in session is here.
import { Limits, newClientId, type Conversation, type User } from '../../sdk/index.js';
import { toCliError } from '../api-errors.js';
import type { Context } from '../context.js';
import { conversationName } from '../format.js';
import { resolveConversation, type Resolved } from '../resolve.js';
import { LiveSession } from './session.js';
import type { OpenConversation } from './state.js';
import type { Store } from './store.js';

const PAGE = 50;
/** Typing frames go out at most this often while someone types. */
export const TYPING_EVERY_MS = 3000;
const SEARCH_DELAY_MS = 150;
const FEED_PER_CONVERSATION = Limits.historyPageMax;
const BODY_MAX = Limits.bodyMax;

export interface ChatsDeps {
  /** The signed-in session, if any. */
  live(): LiveSession | null;
  /** Shows what went wrong (or ends the session on a 401). */
  fail(err: unknown): void;
  notice(text: string): void;
  now(): number;
}

export class Chats {
  private typingSent = new Map<string, number>();
  private readMarks = new Map<string, string>();
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshQueued = false;

  constructor(
    private ctx: Context,
    private store: Store,
    private deps: ChatsDeps,
  ) {}

  /** A new session: nothing sent or marked yet. */
  reset(): void {
    this.typingSent.clear();
    this.readMarks.clear();
    this.refreshQueued = false;
    clearTimeout(this.searchTimer);
  }

  async loadConversations(): Promise<void> {
    const live = this.deps.live();
    if (!live) return;
    try {
      const list = await live.client.conversations();
      if (this.deps.live() === live) this.store.dispatch({ type: 'conversations', list });
    } catch (err) {
      this.deps.fail(err);
    }
  }

  /** Reloads the list once, soon, however many events asked for it. */
  refreshSoon(): void {
    const live = this.deps.live();
    if (this.refreshQueued || !live) return;
    this.refreshQueued = true;
    live.later(100, () => {
      this.refreshQueued = false;
      void this.loadConversations().then(() => this.bindOpenDirect());
    });
  }

  /** A conversation opened on a user before it existed: once the list has it (they wrote first), show it properly. */
  private bindOpenDirect(): void {
    const live = this.deps.live();
    const { open, conversations } = this.store.getState();
    if (!live || !open || open.id || !open.peer) return;
    const c = conversations.find((x) => x.kind === 'direct' && directPeer(x, live.me.id) === open.peer!.id);
    if (c) void this.openConversation(c);
  }

  /** `chat open X`: a conversation id, a user or a group title (resolved already, or now). */
  async openTarget(target: Resolved | string): Promise<void> {
    const live = this.deps.live();
    if (!live) return;
    try {
      const found = typeof target === 'string' ? await resolveConversation(live.client, live.me, target) : target;
      if (found.conversation) await this.openConversation(this.store.getState().conversations.find((c) => c.id === found.conversation.id) ?? found.conversation);
      else this.openUser(found.user);
    } catch (err) {
      this.deps.fail(err);
    }
  }

  /** Shows the latest page and marks the conversation read up to its newest message. */
  async openConversation(c: Conversation): Promise<void> {
    const live = this.deps.live();
    if (!live) return;
    const me = live.me;
    const peerId = c.kind === 'direct' ? directPeer(c, me.id) : undefined;
    const peer = peerId === undefined ? null : (c.members.find((m) => m.id === peerId) ?? { id: me.id, name: me.name });
    const open: OpenConversation = { id: c.id, peer, title: conversationName(c, me), kind: c.kind, shown: [], hasMore: false, loading: 'first', scroll: 0, draft: '' };
    this.store.dispatch({ type: 'open', open });
    try {
      const page = await live.client.history(c.id, { limit: PAGE });
      this.store.dispatch({ type: 'history', conversationId: c.id, page });
      const newest = page.messages.at(-1);
      if (newest) await this.markRead(c.id, newest.id);
    } catch (err) {
      this.store.dispatch({ type: 'open/loading', loading: null });
      this.deps.fail(err);
    }
  }

  /** A user one may not have talked to yet: their direct conversation, or an empty one the first message creates. */
  openUser(user: { id: string; name: string }): void {
    const live = this.deps.live();
    if (!live) return;
    const existing = this.store.getState().conversations.find((c) => c.kind === 'direct' && directPeer(c, live.me.id) === user.id);
    if (existing) return void this.openConversation(existing);
    this.store.dispatch({ type: 'open', open: { id: null, peer: user, title: user.name, kind: 'direct', shown: [], hasMore: false, loading: null, scroll: 0, draft: '' } });
  }

  /** The page before the oldest message shown. */
  async loadOlder(): Promise<void> {
    const live = this.deps.live();
    const open = this.store.getState().open;
    if (!live || !open?.id || open.loading || !open.hasMore) return;
    const oldest = open.shown.find((s) => s.status === 'sent');
    if (!oldest) return;
    this.store.dispatch({ type: 'open/loading', loading: 'older' });
    try {
      const page = await live.client.history(open.id, { before: oldest.key, limit: PAGE });
      this.store.dispatch({ type: 'history', conversationId: open.id, page });
    } catch (err) {
      this.store.dispatch({ type: 'open/loading', loading: null });
      this.deps.fail(err);
    }
  }

  /** A read receipt for the newest message seen, once per message. */
  async markRead(conversationId: string, messageId: string): Promise<void> {
    const live = this.deps.live();
    if (!live || this.readMarks.get(conversationId) === messageId) return;
    this.readMarks.set(conversationId, messageId);
    this.store.dispatch({ type: 'read', conversationId });
    await live.client.markRead(conversationId, messageId).catch((err) => (LiveSession.isSignedOut(err) ? this.deps.fail(err) : undefined));
  }

  /** Sends the draft: shown at once as "sending…", replaced by the server's message (idempotent by clientId). */
  async send(): Promise<void> {
    const live = this.deps.live();
    const open = this.store.getState().open;
    if (!live || !open) return;
    const body = open.draft.trim();
    if (body === '') return;
    if (Array.from(body).length > BODY_MAX) return this.deps.notice(`the message is too long (at most ${BODY_MAX} characters)`);
    const clientId = newClientId();
    this.store.dispatch({ type: 'draft', text: '' });
    this.store.dispatch({ type: 'pending', clientId, body });
    try {
      const sent = await live.client.send(open.id ? { conversationId: open.id, body, clientId } : { to: open.peer!.name, body, clientId });
      const { created: _created, ...message } = sent;
      if (!open.id) {
        this.store.dispatch({ type: 'open/bind', id: message.conversationId });
        this.refreshSoon();
      }
      this.store.dispatch({ type: 'message', message });
    } catch (err) {
      if (LiveSession.isSignedOut(err)) return this.deps.fail(err);
      this.store.dispatch({ type: 'send-failed', clientId, error: toCliError(err, { server: this.ctx.server }).message });
    }
  }

  /** Typing frames, at most one per TYPING_EVERY_MS per conversation. */
  typed(conversationId: string): void {
    const now = this.deps.now();
    if (now - (this.typingSent.get(conversationId) ?? -Infinity) < TYPING_EVERY_MS) return;
    this.typingSent.set(conversationId, now);
    this.deps.live()?.typing(conversationId);
  }

  /** Searches as the name is typed, once typing pauses. */
  searchSoon(query: string): void {
    clearTimeout(this.searchTimer);
    if (query.trim() !== '') this.searchTimer = setTimeout(() => void this.search(query), SEARCH_DELAY_MS);
  }

  private async search(query: string): Promise<void> {
    const live = this.deps.live();
    if (!live) return;
    try {
      const users = await live.client.searchUsers(query.trim(), 8);
      this.store.dispatch({ type: 'search/results', query, users });
    } catch (err) {
      this.store.dispatch({ type: 'search/results', query, users: [] });
      this.deps.fail(err);
    }
  }

  /** Enter on the new-conversation screen: the selected user, or (before the search answered) the name typed. */
  async startWithSearched(): Promise<void> {
    const live = this.deps.live();
    const { search } = this.store.getState();
    const query = search.query.trim();
    if (!live || query === '') return;
    let user: User | undefined = search.searching ? undefined : search.results[search.selected];
    if (!user) {
      try {
        const users = await live.client.searchUsers(query, 8);
        user = users.find((u) => u.name.toLowerCase() === query.toLowerCase()) ?? users[0];
      } catch (err) {
        return this.deps.fail(err);
      }
    }
    if (!user) return this.deps.notice(`no user matches "${query}"`);
    this.openUser(user);
  }

  /** Sent or received messages across all conversations (the latest of each), newest last, kept live by the stream. */
  async showFeed(kind: 'sent' | 'received'): Promise<void> {
    const live = this.deps.live();
    if (!live) return;
    this.store.dispatch({ type: 'feed', feed: { kind, messages: [], loading: true, scroll: 0 } });
    try {
      const list = await live.client.conversations();
      this.store.dispatch({ type: 'conversations', list });
      const pages = await Promise.all(list.map((c) => live.client.history(c.id, { limit: FEED_PER_CONVERSATION })));
      const messages = pages
        .flatMap((p) => p.messages)
        .filter((m) => (m.sender.id === live.me.id) === (kind === 'sent'))
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
      if (this.store.getState().feed?.kind === kind) this.store.dispatch({ type: 'feed', feed: { kind, messages, loading: false, scroll: 0 } });
    } catch (err) {
      this.deps.fail(err);
    }
  }
}

/** The other member of a direct conversation; oneself for notes to self. */
export function directPeer(c: Conversation, myId: string): string {
  return c.members.find((m) => m.id !== myId)?.id ?? myId;
}
