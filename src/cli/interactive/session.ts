// One signed-in session of the interactive chat: its SDK client, its stream
// (reconnecting and resuming on its own), and the events it turns into state.
import WebSocket from 'ws';
import { ChatApiError, type AnyWebSocketConstructor, type ChatClient, type ChatStream, type StreamEvent } from '../../sdk/index.js';
import type { Context } from '../context.js';
import type { StoredSession } from '../session-file.js';
import type { Store } from './store.js';

/** How long "X is typing…" stays up after their last typing frame. */
export const TYPING_SHOWN_MS = 6000;
/** How long the first load waits for the stream to open (so nothing falls between the load and the stream). */
const FIRST_OPEN_WAIT_MS = 3000;

export interface LiveHooks {
  /** A message in a conversation the list does not know yet. */
  unknownConversation(): void;
  /** A message arrived in the conversation on screen. */
  seenInOpen(conversationId: string, messageId: string): void;
  /** Another device of ours read something: unread counts changed. */
  readElsewhere(): void;
  /** The server ended this session (signed out or revoked elsewhere). */
  ended(): void;
}

export class LiveSession {
  readonly client: ChatClient;
  private stream: ChatStream | null = null;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private firstOpen: Promise<void>;
  private opened!: () => void;
  private closed = false;

  constructor(
    private ctx: Context,
    readonly stored: StoredSession,
    private store: Store,
    private hooks: LiveHooks,
    private now: () => number = Date.now,
    private WebSocketImpl: AnyWebSocketConstructor = WebSocket,
  ) {
    this.client = ctx.client(stored.token);
    ctx.usedToken = stored.token;
    this.firstOpen = new Promise((resolve) => (this.opened = resolve));
  }

  get me() {
    return this.stored.user;
  }

  start(): void {
    this.stream = this.client.stream({
      WebSocket: this.WebSocketImpl,
      backoff: { initialMs: 500, maxMs: 10_000 },
      onEvent: (e) => this.onEvent(e),
      onState: (state, detail) => {
        if (this.closed) return;
        this.store.dispatch({ type: 'connection', state, retryInMs: detail?.retryInMs });
        if (state === 'open') this.opened();
        if (state === 'unauthorized') this.hooks.ended();
      },
    });
  }

  /** Resolves once the stream is open, or after a short wait if it cannot open now (it keeps trying). */
  ready(): Promise<void> {
    return Promise.race([this.firstOpen, new Promise<void>((resolve) => this.later(FIRST_OPEN_WAIT_MS, resolve))]);
  }

  /** Tells the other members we are typing in this conversation. */
  typing(conversationId: string): void {
    this.stream?.typing(conversationId);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.stream?.close();
    this.stream = null;
  }

  /** Whether an error means the server no longer takes this session's token. */
  static isSignedOut(err: unknown): boolean {
    return err instanceof ChatApiError && err.status === 401 && err.code === 'unauthorized';
  }

  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, ms);
    this.timers.add(t);
  }

  private onEvent(e: StreamEvent): void {
    if (this.closed) return;
    const state = this.store.getState();
    switch (e.type) {
      case 'message': {
        this.store.dispatch({ type: 'message', message: e.message });
        if (!state.conversations.some((c) => c.id === e.message.conversationId)) this.hooks.unknownConversation();
        if (state.open?.id === e.message.conversationId && e.message.sender.id !== this.me.id) this.hooks.seenInOpen(e.message.conversationId, e.message.id);
        return;
      }
      case 'message.deleted':
        this.store.dispatch({ type: 'message-deleted', conversationId: e.conversationId, messageId: e.messageId });
        this.hooks.readElsewhere(); // the list's last message may be the deleted one
        return;
      case 'receipt':
        if (e.userId === this.me.id) this.hooks.readElsewhere();
        else this.store.dispatch({ type: 'receipt', conversationId: e.conversationId, userId: e.userId, messageId: e.messageId });
        return;
      case 'typing': {
        if (e.userId === this.me.id) return;
        const conversation = state.conversations.find((c) => c.id === e.conversationId);
        const name = conversation?.members.find((m) => m.id === e.userId)?.name ?? 'someone';
        this.store.dispatch({ type: 'typing', conversationId: e.conversationId, typist: { userId: e.userId, name, until: this.now() + TYPING_SHOWN_MS } });
        this.later(TYPING_SHOWN_MS + 50, () => this.store.dispatch({ type: 'typing-expire', now: this.now() }));
        return;
      }
      case 'presence':
        this.store.dispatch({ type: 'presence', userId: e.userId, online: e.online });
        return;
      case 'conversation.updated':
        this.store.dispatch({ type: 'group-updated', conversation: e.conversation });
        return;
      case 'conversation.removed':
        this.store.dispatch({ type: 'group-removed', conversationId: e.conversationId });
        return;
      default:
        return; // device.revoked: the stream reports 'unauthorized' next
    }
  }
}
